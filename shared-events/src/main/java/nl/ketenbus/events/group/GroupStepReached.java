package nl.ketenbus.events.group;

import java.util.List;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SubjectEvent;

/**
 * The youth's group reached a step of the group approach: recorded for each member at once.
 *
 * @param subjectRef   pseudonymous reference of the youth
 * @param groupId      the group
 * @param step         the step reached
 * @param participants the organisations taking part in the group's approach, each once: only they see it
 */
public record GroupStepReached(String subjectRef, String groupId, GroupStep step, List<OrganisationCode> participants)
        implements SubjectEvent {
}
