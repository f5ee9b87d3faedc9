package nl.ketenbus.events.zvh;

import java.time.LocalDate;

import nl.ketenbus.events.OptionalField;
import nl.ketenbus.events.SubjectEvent;

/**
 * The Zorg- en Veiligheidshuis answered a case's escalation (see
 * {@link nl.ketenbus.events.casework.CaseEscalatedToZvh}): it plans a case conference or declines.
 * Published by the ZVH.
 *
 * @param subjectRef    pseudonymous reference of the youth
 * @param caseId        the PGA case that escalated
 * @param outcome       conference planned or declined
 * @param plannedOn     optional: the day of the conference; present exactly when one is planned
 * @param declineReason optional: why the ZVH declines; present exactly when it declines
 */
public record ZvhTriageAnswered(
        String subjectRef,
        String caseId,
        ZvhTriageOutcome outcome,
        @OptionalField LocalDate plannedOn,
        @OptionalField ZvhDeclineReason declineReason) implements SubjectEvent {
}
