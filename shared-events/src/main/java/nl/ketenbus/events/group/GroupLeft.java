package nl.ketenbus.events.group;

import java.util.List;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SubjectEvent;

/**
 * The youth left the group (the group's director took the youth off it).
 *
 * @param subjectRef   pseudonymous reference of the youth
 * @param groupId      the group
 * @param participants the organisations taking part in the group's approach, each once: only they see it
 */
public record GroupLeft(String subjectRef, String groupId, List<OrganisationCode> participants)
        implements SubjectEvent {
}
