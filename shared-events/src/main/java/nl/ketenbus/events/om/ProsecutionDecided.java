package nl.ketenbus.events.om;

import java.time.LocalDate;

import nl.ketenbus.events.OptionalField;
import nl.ketenbus.events.SubjectEvent;

/**
 * The public prosecutor (OM) recorded a decision relevant to the approach: a dismissal, a settlement,
 * a summons, or the court's judgment in broad terms. Never the charge sheet or the judgment's text.
 *
 * @param subjectRef pseudonymous reference of the youth
 * @param decisionId the OM's identifier of this decision
 * @param offenceId  optional: the police registration the decision is about, when the OM names it
 * @param decision   what was decided
 * @param decidedOn  the day of the decision (for a judgment, the day it was pronounced)
 */
public record ProsecutionDecided(
        String subjectRef,
        String decisionId,
        @OptionalField String offenceId,
        ProsecutionDecision decision,
        LocalDate decidedOn) implements SubjectEvent {
}
