package nl.ketenbus.events.casework;

import nl.ketenbus.events.SubjectEvent;

/**
 * A PGA case was opened for the youth. Published by the gemeente (team OOV).
 *
 * @param subjectRef pseudonymous reference of the youth
 * @param caseId     the gemeente's identifier of the case, which every later case event refers to
 */
public record CaseOpened(String subjectRef, String caseId) implements SubjectEvent {
}
