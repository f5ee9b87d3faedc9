package nl.ketenbus.events.rvdk;

import nl.ketenbus.events.SubjectEvent;

/**
 * The child-protection board concluded an investigation with an advice to the court or the OM.
 * Published by the RvdK.
 *
 * @param subjectRef      pseudonymous reference of the youth
 * @param investigationId the {@code investigationId} of the investigation the advice concludes
 * @param advice          what the RvdK advises
 */
public record ChildProtectionAdviceIssued(
        String subjectRef,
        String investigationId,
        ChildProtectionAdvice advice) implements SubjectEvent {
}
