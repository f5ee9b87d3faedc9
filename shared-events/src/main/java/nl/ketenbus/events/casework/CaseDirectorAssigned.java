package nl.ketenbus.events.casework;

import nl.ketenbus.events.SubjectEvent;

/**
 * A casusregisseur (case director) was made responsible for the case; replaces any earlier one.
 * Published by the gemeente.
 *
 * @param subjectRef     pseudonymous reference of the youth
 * @param caseId         the case
 * @param directorUserId opaque pseudonymous identifier of the casusregisseur's user account; never a name
 */
public record CaseDirectorAssigned(String subjectRef, String caseId, String directorUserId)
        implements SubjectEvent {
}
