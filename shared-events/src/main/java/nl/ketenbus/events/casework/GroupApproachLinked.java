package nl.ketenbus.events.casework;

import nl.ketenbus.events.SubjectEvent;

/**
 * The case was linked to the approach of a criminal youth group (seven-step model), so that the
 * individual and the group approach stay aligned. Published by the gemeente.
 *
 * @param subjectRef pseudonymous reference of the youth
 * @param caseId     the case
 * @param groupId    the gemeente's identifier of the group approach; never the group's name
 */
public record GroupApproachLinked(String subjectRef, String caseId, String groupId) implements SubjectEvent {
}
