package nl.ketenbus.events.group;

import java.util.List;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SubjectEvent;

/**
 * The youth became a member of a criminal youth group in the group approach (recorded by the group's
 * director, a casusregisseur of the gemeente). The group is named by an id, never by its members.
 *
 * @param subjectRef     pseudonymous reference of the youth
 * @param groupId        the group
 * @param directorUserId the group's director
 * @param step           the step the group has reached
 * @param participants   the organisations taking part in the group's approach, each once: only they see it
 *                       (the youth's PGA case is linked to the group on the case, by
 *                       {@link nl.ketenbus.events.casework.GroupApproachLinked}, for the case's own readers)
 */
public record GroupJoined(
        String subjectRef,
        String groupId,
        String directorUserId,
        GroupStep step,
        List<OrganisationCode> participants) implements SubjectEvent {
}
