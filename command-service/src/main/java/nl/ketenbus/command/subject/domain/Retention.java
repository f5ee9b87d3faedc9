package nl.ketenbus.command.subject.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import nl.ketenbus.events.DataCategory;

/**
 * When a counted fact expires (ADR 0016): the covenant's period for its category, counted from the
 * day it was recorded. A signal never lives longer than two years and ends when the youth turns 23,
 * whatever the covenant says (Jeugdwet art. 7.1.4.5, as the Verwijsindex); a covenant may set a
 * shorter period, never a longer one.
 */
final class Retention {

    static final Period LONGEST_FOR_A_SIGNAL = Period.ofYears(2);
    static final int SIGNALS_END_AT_AGE = 23;

    private Retention() {
    }

    /**
     * The first day on which one of the facts expires, if any does. A loop over plain dates rather
     * than a stream of optionals: it runs twice for every fact a youth is sent, over all the youth's
     * counted facts, and was the command service's largest allocation site but one under intake load
     * (docs/benchmarks.md).
     */
    static Optional<LocalDate> next(Collection<EarlySignals.Counted> facts, RetentionPeriods periods,
                                    Supplier<Optional<LocalDate>> born) {
        LocalDate first = null;
        for (EarlySignals.Counted fact : facts) {
            LocalDate day = expiry(fact, periods, born);
            if (day != null && (first == null || day.isBefore(first))) {
                first = day;
            }
        }
        return Optional.ofNullable(first);
    }

    /**
     * The day the fact expires; null when no period applies to its category. The date of birth is
     * asked for only for a signal: opening it costs a key lookup.
     */
    private static LocalDate expiry(EarlySignals.Counted fact, RetentionPeriods periods,
                                    Supplier<Optional<LocalDate>> born) {
        Period period = periods.of(fact.category()).orElse(null);
        if (fact.category() != DataCategory.SIGNAL) {
            return period == null ? null : fact.recordedOn().plus(period);
        }
        LocalDate day = fact.recordedOn().plus(LONGEST_FOR_A_SIGNAL);
        if (period != null) {
            LocalDate byCovenant = fact.recordedOn().plus(period);
            if (byCovenant.isBefore(day)) {
                day = byCovenant;
            }
        }
        Optional<LocalDate> birth = born.get();
        if (birth.isPresent()) {
            LocalDate endOfSignals = birth.get().plusYears(SIGNALS_END_AT_AGE);
            if (endOfSignals.isBefore(day)) {
                day = endOfSignals;
            }
        }
        return day;
    }

    /**
     * The day the youth's identity expires: the covenant's identity period after the last fact about
     * the youth; never while a case is open, nor without a period or a fact.
     */
    static Optional<LocalDate> identityExpiresOn(LocalDate lastFactOn, boolean caseOpen, RetentionPeriods periods) {
        if (caseOpen || lastFactOn == null) {
            return Optional.empty();
        }
        return periods.of(DataCategory.IDENTITY).map(lastFactOn::plus);
    }

    /** The event ids of the facts expired on {@code day}. */
    static List<String> due(Collection<EarlySignals.Counted> facts, RetentionPeriods periods,
                            Supplier<Optional<LocalDate>> born, LocalDate day) {
        return facts.stream()
                .filter(fact -> {
                    LocalDate expiry = expiry(fact, periods, born);
                    return expiry != null && !expiry.isAfter(day);
                })
                .map(EarlySignals.Counted::eventId).filter(Objects::nonNull).toList();
    }
}
