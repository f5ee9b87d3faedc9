package nl.ketenbus.events.intervention;

import nl.ketenbus.events.SubjectEvent;

/**
 * An intervention ended before its course was run. Published by the organisation that carried it out.
 *
 * @param subjectRef     pseudonymous reference of the youth
 * @param interventionId the {@code interventionId} of the {@link InterventionStarted} that stops
 * @param caseId         the PGA case the intervention belongs to
 * @param type           the intervention
 * @param reason         why it stopped early
 */
public record InterventionStopped(
        String subjectRef,
        String interventionId,
        String caseId,
        InterventionType type,
        InterventionStopReason reason) implements SubjectEvent {
}
