package nl.ketenbus.devinfra.demo;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;

/**
 * What a partner may still share on the day the demo is played, under the reference covenant's terms.
 * The plan simulates years; a partner that joins brings only the part of its history whose retention
 * period has not ended, and the backbone refuses the rest (422 {@code retention-passed}, ADR 0016): a
 * signal lives its period, never longer than two years nor past the youth's 23rd birthday; any other
 * fact its category's period, each from the day it was made. A fact that ends an earlier one (a Halt
 * settlement, a supervision's end) is taken in whatever its age.
 */
final class DemoRetention {

    private static final Period LONGEST_FOR_A_SIGNAL = Period.ofYears(2);
    private static final int SIGNALS_END_AT_AGE = 23;

    private final Covenant covenant = CovenantLoader.reference();

    boolean stillShared(DemoPlan.Fact fact, LocalDate born, LocalDate today) {
        EventType type = EventCatalogue.byPayloadType(fact.payload().getClass()).orElseThrow();
        if (EventCatalogue.endsAnEarlierFact(type)) {
            return true;
        }
        LocalDate lastDay = expiry(type.category(), fact.on());
        if (type.category() == DataCategory.SIGNAL) {
            lastDay = earliest(lastDay, fact.on().plus(LONGEST_FOR_A_SIGNAL), endOfSignals(born));
        }
        return lastDay == null || lastDay.isAfter(today);
    }

    /** Whether a signal made on {@code day} may be about a youth born on {@code born}: before the 23rd birthday. */
    boolean signalledOn(LocalDate day, LocalDate born) {
        return endOfSignals(born).isAfter(day);
    }

    private static LocalDate endOfSignals(LocalDate born) {
        return born.plusYears(SIGNALS_END_AT_AGE);
    }

    private LocalDate expiry(DataCategory category, LocalDate madeOn) {
        Optional<Period> period = covenant.retentionOf(category);
        return period.map(madeOn::plus).orElse(null);
    }

    private static LocalDate earliest(LocalDate... days) {
        LocalDate earliest = null;
        for (LocalDate day : days) {
            if (day != null && (earliest == null || day.isBefore(earliest))) {
                earliest = day;
            }
        }
        return earliest;
    }
}
