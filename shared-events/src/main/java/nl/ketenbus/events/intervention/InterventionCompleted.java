package nl.ketenbus.events.intervention;

import nl.ketenbus.events.SubjectEvent;

/**
 * An intervention ran its course. Published by the organisation that carried it out.
 *
 * @param subjectRef     pseudonymous reference of the youth
 * @param interventionId the {@code interventionId} of the {@link InterventionStarted} that completes
 * @param caseId         the PGA case the intervention belongs to
 * @param type           the intervention
 * @param result         how far its goals were reached
 */
public record InterventionCompleted(
        String subjectRef,
        String interventionId,
        String caseId,
        InterventionType type,
        InterventionResult result) implements SubjectEvent {
}
