package nl.ketenbus.devinfra.demo;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.offence.OffenceRegistration;
import nl.ketenbus.events.offence.OpiumActOffenceRegistered;
import nl.ketenbus.events.risk.RiskFactorRecorded;
import nl.ketenbus.events.signal.SignalRaised;

/**
 * What a partner may still share on the day the demo is played, under the reference covenant's terms.
 * The plan simulates years; a partner that joins brings only the part of its history whose retention
 * period has not ended, and the backbone refuses the rest (422 {@code retention-passed}, ADR 0016): a
 * signal lives its period, never longer than two years nor past the youth's 23rd birthday; a risk factor
 * and an Opium Act antecedent their periods, each from the day it was made. Other facts are shared and
 * leave the read models by their periods.
 */
final class DemoRetention {

    private static final Period LONGEST_FOR_A_SIGNAL = Period.ofYears(2);
    private static final int SIGNALS_END_AT_AGE = 23;

    private final Covenant covenant = CovenantLoader.reference();

    boolean stillShared(DemoPlan.Fact fact, LocalDate born, LocalDate today) {
        LocalDate lastDay = null;
        if (fact.payload() instanceof SignalRaised) {
            lastDay = earliest(expiry(DataCategory.SIGNAL, fact.on()), fact.on().plus(LONGEST_FOR_A_SIGNAL),
                    endOfSignals(born));
        } else if (fact.payload() instanceof RiskFactorRecorded) {
            lastDay = expiry(DataCategory.RISK_AND_PROTECTION, fact.on());
        } else if (fact.payload() instanceof OpiumActOffenceRegistered offence
                && offence.registration() == OffenceRegistration.ANTECEDENT) {
            lastDay = expiry(DataCategory.OFFENCE, fact.on());
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
