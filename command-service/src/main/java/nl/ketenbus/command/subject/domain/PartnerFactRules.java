package nl.ketenbus.command.subject.domain;

import java.util.function.Predicate;

import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.SubjectEvent;
import nl.ketenbus.events.offence.DealingLocationObserved;
import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.signal.SignalWithdrawn;

/** The rules a partner fact must meet, given what the subject's stream already holds. */
final class PartnerFactRules {

    private PartnerFactRules() {
    }

    static void check(SubjectEvent fact, Predicate<String> openSignal) {
        boolean partnerFact = EventCatalogue.byPayloadType(fact.getClass())
                .map(type -> type.category().publishedAtIntake())
                .orElse(false);
        if (!partnerFact) {
            throw new SubjectRefusal(SubjectRefusal.Reason.NOT_A_PARTNER_FACT, null,
                    fact.getClass().getSimpleName() + " is not a fact partners record");
        }
        if (fact instanceof SignalRaised signal && signal.indicator().category() != signal.category()) {
            throw new SubjectRefusal(SubjectRefusal.Reason.INDICATOR_OUTSIDE_CATEGORY, "indicator",
                    "Indicator " + signal.indicator() + " belongs to category " + signal.indicator().category()
                            + ", not " + signal.category());
        }
        if (fact instanceof DealingLocationObserved observed
                && observed.observedUntil().isBefore(observed.observedFrom())) {
            throw new SubjectRefusal(SubjectRefusal.Reason.PERIOD_ENDS_BEFORE_IT_STARTS, "observedUntil",
                    "the observation's last day lies before its first");
        }
        if (fact instanceof SignalWithdrawn withdrawn && !openSignal.test(withdrawn.signalId())) {
            throw new SubjectRefusal(SubjectRefusal.Reason.SIGNAL_NOT_RAISED, "signalId",
                    "No open signal with this signalId on this subject");
        }
    }
}
