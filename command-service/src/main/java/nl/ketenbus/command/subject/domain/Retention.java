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
 * day it was made ({@code Subject.madeOn}: the partner's day when that lies before the day the
 * backbone recorded it, as for a partner's history imported later). A signal never lives longer than
 * two years and ends when the youth turns 23, whatever the covenant says (Jeugdwet art. 7.1.4.5, as
 * the Verwijsindex); a covenant may set a shorter period, never a longer one.
 */
final class Retention {

    static final Period LONGEST_FOR_A_SIGNAL = Period.ofYears(2);
    static final int SIGNALS_END_AT_AGE = 23;
    /** The categories of the facts that count ({@link EarlySignals#counted}). */
    private static final List<DataCategory> COUNTED = List.of(DataCategory.SIGNAL, DataCategory.RISK_AND_PROTECTION,
            DataCategory.OFFENCE);

    private Retention() {
    }

    /**
     * The first day on which one of the counted facts expires, if any does. Within a category a fact
     * recorded later never expires earlier (a period added to a later day, or the same 23rd
     * birthday), so the first expiry of each category is that of its earliest recorded fact: a look at
     * three days instead of a scan of all the youth's facts, which runs twice for every fact a youth
     * is sent (docs/benchmarks.md). {@code RetentionPropertyTest} holds it to the rule fact by fact.
     */
    static Optional<LocalDate> next(EarlySignals facts, RetentionPeriods periods, Supplier<Optional<LocalDate>> born) {
        LocalDate first = null;
        for (DataCategory category : COUNTED) {
            LocalDate recorded = facts.firstRecorded(category);
            LocalDate day = recorded == null ? null : expiry(category, recorded, periods, born);
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
    private static LocalDate expiry(DataCategory category, LocalDate recordedOn, RetentionPeriods periods,
                                    Supplier<Optional<LocalDate>> born) {
        Period period = periods.of(category).orElse(null);
        if (category != DataCategory.SIGNAL) {
            return period == null ? null : recordedOn.plus(period);
        }
        LocalDate day = recordedOn.plus(LONGEST_FOR_A_SIGNAL);
        if (period != null) {
            LocalDate byCovenant = recordedOn.plus(period);
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
     * Whether a fact of {@code category} made on {@code madeOn} has expired by {@code today}: recorded
     * now it would expire at once (a counted fact) or leave the read models at their next pass (any
     * other), so the backbone may not take it in (a partner's old history). A signal's period is the
     * shortest of the three above; any other category's is the covenant's, and none applies without one.
     */
    static boolean expiredBy(DataCategory category, LocalDate madeOn, RetentionPeriods periods,
                             Supplier<Optional<LocalDate>> born, LocalDate today) {
        LocalDate expiry = expiry(category, madeOn, periods, born);
        return expiry != null && !expiry.isAfter(today);
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
                    LocalDate expiry = expiry(fact.category(), fact.recordedOn(), periods, born);
                    return expiry != null && !expiry.isAfter(day);
                })
                .map(EarlySignals.Counted::eventId).filter(Objects::nonNull).toList();
    }
}
