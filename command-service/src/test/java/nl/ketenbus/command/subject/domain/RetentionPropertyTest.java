package nl.ketenbus.command.subject.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.signal.SignalIndicator;
import org.junit.jupiter.api.Test;

/**
 * Over random histories, retention tables and days, what expires and what still counts equals a
 * reference written from the rule itself (ADR 0016): a signal lives until the earliest of its
 * covenant period, two years and the youth's 23rd birthday; a risk factor or an antecedent until its
 * covenant period; a category without a period never expires. The facts' event ids come in the forms
 * an open signal holds differently (a UUID as the backbone writes it, in capitals, other text).
 */
class RetentionPropertyTest {

    private static final int TRIALS = 500;
    private static final LocalDate EPOCH = LocalDate.of(2024, 1, 1);

    private record Fact(String eventId, DataCategory category, LocalDate recordedOn, SignalIndicator indicator,
                        String riskKind) {
    }

    @Test
    void whatExpiresAndWhatStillCountsEqualsTheRule() {
        Random random = new Random(20261130L);
        for (int trial = 0; trial < TRIALS; trial++) {
            Map<DataCategory, Period> table = table(random);
            RetentionPeriods periods = category -> Optional.ofNullable(table.get(category));
            Optional<LocalDate> born = random.nextInt(5) == 0 ? Optional.empty()
                    : Optional.of(EPOCH.minusYears(12 + random.nextInt(11)).plusDays(random.nextInt(365)));
            EarlySignals signals = new EarlySignals();
            List<Fact> history = changed(signals, history(random), random);
            LocalDate day = EPOCH.plusDays(random.nextInt(5 * 365));
            String seen = "trial " + trial + " on " + day + " with " + table + ", born " + born;

            List<String> due = Retention.due(signals.counted(), periods, () -> born, day);

            Set<String> expected = new HashSet<>();
            history.stream().filter(fact -> reference(fact, table, born).filter(end -> !end.isAfter(day)).isPresent())
                    .forEach(fact -> expected.add(fact.eventId()));
            assertThat(new HashSet<>(due)).as(seen).isEqualTo(expected);
            assertThat(Retention.next(signals, periods, () -> born)).as(seen)
                    .isEqualTo(firstEnd(history, table, born));

            signals.expire(due);
            List<Fact> left = history.stream().filter(fact -> !expected.contains(fact.eventId())).toList();
            assertThat(Retention.next(signals, periods, () -> born)).as(seen + ", after the expiry")
                    .isEqualTo(firstEnd(left, table, born));
            assertThat(signals.antecedents()).as(seen)
                    .isEqualTo((int) left.stream().filter(fact -> fact.category() == DataCategory.OFFENCE).count());
            assertThat(signals.indicators()).as(seen).isEqualTo(
                    (int) left.stream().map(Fact::indicator).filter(indicator -> indicator != null).distinct().count()
                            + (int) left.stream().map(Fact::riskKind).filter(kind -> kind != null).distinct().count());
        }
    }

    /**
     * Records the facts, then withdraws some signals, ends some risk factors and raises some signals
     * again under their signal id (a later day and event replace the earlier); answers the facts that
     * count after that, and the earlier raises of the signals raised again, which count no more (no indicator)
     * but still expire by their own day, unless the signal was then withdrawn.
     */
    private static List<Fact> changed(EarlySignals signals, List<Fact> history, Random random) {
        history.forEach(fact -> record(signals, fact));
        List<Fact> counting = new ArrayList<>();
        for (Fact fact : history) {
            int change = random.nextInt(6);
            if (change == 0 && fact.category() == DataCategory.SIGNAL) {
                signals.withdrawn(OrganisationCode.POLITIE, "signal-" + fact.eventId());
            } else if (change == 0 && fact.category() == DataCategory.RISK_AND_PROTECTION) {
                signals.riskFactorEnded(OrganisationCode.POLITIE, fact.eventId());
            } else if (change == 1 && fact.category() == DataCategory.SIGNAL) {
                Fact again = new Fact(fact.eventId() + "-again", fact.category(),
                        fact.recordedOn().plusDays(random.nextInt(400)), fact.indicator(), null);
                signals.raised("signal-" + fact.eventId(), OrganisationCode.POLITIE, again.indicator(),
                        again.recordedOn(), again.eventId(), again.recordedOn());
                counting.add(again);
                counting.add(new Fact(fact.eventId(), fact.category(), fact.recordedOn(), null, null));
            } else if (change == 2 && fact.category() == DataCategory.SIGNAL) {
                // Raised again, then withdrawn: neither raise counts any more, nor waits for its expiry here (the
                // store removes both with the withdrawal).
                signals.raised("signal-" + fact.eventId(), OrganisationCode.POLITIE, fact.indicator(),
                        fact.recordedOn().plusDays(1), fact.eventId() + "-again", fact.recordedOn().plusDays(1));
                signals.withdrawn(OrganisationCode.POLITIE, "signal-" + fact.eventId());
            } else {
                counting.add(fact);
            }
        }
        return counting;
    }

    private static Optional<LocalDate> firstEnd(List<Fact> facts, Map<DataCategory, Period> table,
                                                Optional<LocalDate> born) {
        return facts.stream().map(fact -> reference(fact, table, born)).flatMap(Optional::stream)
                .min(LocalDate::compareTo);
    }

    /** The rule, written out: when the fact is gone, if ever. */
    private static Optional<LocalDate> reference(Fact fact, Map<DataCategory, Period> table, Optional<LocalDate> born) {
        Period period = table.get(fact.category());
        if (fact.category() != DataCategory.SIGNAL) {
            return period == null ? Optional.empty() : Optional.of(fact.recordedOn().plus(period));
        }
        List<LocalDate> ends = new ArrayList<>();
        ends.add(fact.recordedOn().plusYears(2));
        if (period != null) {
            ends.add(fact.recordedOn().plus(period));
        }
        born.ifPresent(birth -> ends.add(birth.plusYears(23)));
        return ends.stream().min(LocalDate::compareTo);
    }

    private static Map<DataCategory, Period> table(Random random) {
        Map<DataCategory, Period> table = new EnumMap<>(DataCategory.class);
        for (DataCategory category : List.of(DataCategory.SIGNAL, DataCategory.RISK_AND_PROTECTION,
                DataCategory.OFFENCE)) {
            if (random.nextInt(6) != 0) {
                table.put(category, random.nextBoolean() ? Period.ofMonths(1 + random.nextInt(48))
                        : Period.ofDays(1 + random.nextInt(1500)));
            }
        }
        return table;
    }

    private static List<Fact> history(Random random) {
        List<Fact> history = new ArrayList<>();
        SignalIndicator[] indicators = SignalIndicator.values();
        int facts = random.nextInt(12);
        for (int index = 0; index < facts; index++) {
            LocalDate recorded = EPOCH.plusDays(random.nextInt(3 * 365));
            String eventId = eventId(random, index);
            switch (random.nextInt(3)) {
                case 0 -> history.add(new Fact(eventId, DataCategory.SIGNAL, recorded,
                        indicators[random.nextInt(indicators.length)], null));
                case 1 -> history.add(new Fact(eventId, DataCategory.RISK_AND_PROTECTION, recorded, null,
                        "risk-" + random.nextInt(4)));
                default -> history.add(new Fact(eventId, DataCategory.OFFENCE, recorded, null, null));
            }
        }
        return history;
    }

    /**
     * The backbone's own ids are UUIDs, which an open signal holds as two numbers; an id in another form
     * is held as text: both must come back from {@link EarlySignals#counted} exactly as given.
     */
    private static String eventId(Random random, int index) {
        return switch (random.nextInt(3)) {
            case 0 -> new UUID(random.nextLong(), random.nextLong()).toString();
            case 1 -> new UUID(random.nextLong(), random.nextLong()).toString().toUpperCase(Locale.ROOT);
            default -> "event-" + index;
        };
    }

    private static void record(EarlySignals signals, Fact fact) {
        switch (fact.category()) {
            case SIGNAL -> signals.raised("signal-" + fact.eventId(), OrganisationCode.POLITIE, fact.indicator(),
                    fact.recordedOn(), fact.eventId(), fact.recordedOn());
            case RISK_AND_PROTECTION -> signals.riskFactor(OrganisationCode.POLITIE, fact.eventId(), fact.riskKind(),
                    fact.eventId(), fact.recordedOn());
            default -> signals.antecedent(fact.eventId(), fact.recordedOn());
        }
    }
}
