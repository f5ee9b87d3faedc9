package nl.ketenbus.events.rvdk;

import nl.ketenbus.events.SubjectEvent;

/**
 * The child-protection board started an investigation concerning the youth. Published by the RvdK.
 *
 * @param subjectRef      pseudonymous reference of the youth
 * @param investigationId the RvdK's identifier of the investigation, which its advice refers to
 * @param kind            protection or criminal-law investigation
 */
public record ChildProtectionInvestigationStarted(
        String subjectRef,
        String investigationId,
        ChildProtectionInvestigationKind kind) implements SubjectEvent {
}
