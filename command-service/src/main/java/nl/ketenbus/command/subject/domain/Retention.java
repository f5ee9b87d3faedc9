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
     * The day the fact expires; empty when no period applies to its category. The date of birth is
     * asked for only for a signal: opening it costs a key lookup.
     */
    static Optional<LocalDate> expiresOn(EarlySignals.Counted fact, RetentionPeriods periods,
                                         Supplier<Optional<LocalDate>> born) {
        Optional<LocalDate> byCovenant = periods.of(fact.category()).map(period -> fact.recordedOn().plus(period));
        if (fact.category() != DataCategory.SIGNAL) {
            return byCovenant;
        }
        LocalDate day = fact.recordedOn().plus(LONGEST_FOR_A_SIGNAL);
        if (byCovenant.isPresent() && byCovenant.get().isBefore(day)) {
            day = byCovenant.get();
        }
        Optional<LocalDate> endOfSignals = born.get().map(birth -> birth.plusYears(SIGNALS_END_AT_AGE));
        if (endOfSignals.isPresent() && endOfSignals.get().isBefore(day)) {
            day = endOfSignals.get();
        }
        return Optional.of(day);
    }

    /** The first day on which one of the facts expires, if any does. */
    static Optional<LocalDate> next(Collection<EarlySignals.Counted> facts, RetentionPeriods periods,
                                    Supplier<Optional<LocalDate>> born) {
        return facts.stream().map(fact -> expiresOn(fact, periods, born)).flatMap(Optional::stream)
                .min(LocalDate::compareTo);
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
                .filter(fact -> expiresOn(fact, periods, born).filter(expiry -> !expiry.isAfter(day)).isPresent())
                .map(EarlySignals.Counted::eventId).filter(Objects::nonNull).toList();
    }
}
