package nl.ketenbus.events.casework;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SubjectEvent;

/**
 * An organisation joined the case table. Participation is what need-to-know rules of the covenant
 * look at. Published by the gemeente.
 *
 * @param subjectRef   pseudonymous reference of the youth
 * @param caseId       the case
 * @param organisation the organisation that joined
 */
public record CaseParticipantAdded(String subjectRef, String caseId, OrganisationCode organisation)
        implements SubjectEvent {
}
