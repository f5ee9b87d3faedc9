package nl.ketenbus.events.casework;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SubjectEvent;

/**
 * An organisation left the case table and loses its need-to-know. Published by the gemeente.
 *
 * @param subjectRef   pseudonymous reference of the youth
 * @param caseId       the case
 * @param organisation the organisation that left
 */
public record CaseParticipantRemoved(String subjectRef, String caseId, OrganisationCode organisation)
        implements SubjectEvent {
}
