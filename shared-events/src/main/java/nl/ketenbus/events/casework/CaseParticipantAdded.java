package nl.ketenbus.events.casework;

import java.time.LocalDate;

import nl.ketenbus.events.OptionalField;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SubjectEvent;

/**
 * An organisation joined the case table. Participation is what need-to-know rules of the covenant
 * look at. Published by the gemeente.
 *
 * @param subjectRef   pseudonymous reference of the youth
 * @param caseId       the case
 * @param organisation the organisation that joined
 * @param until        optional: the last day it takes part (its need-to-know ends by itself after it, with a
 *                     {@link CaseParticipantRemoved}); null while the case is open. Added again with
 *                     another end, the new end holds.
 */
public record CaseParticipantAdded(String subjectRef, String caseId, OrganisationCode organisation,
                                   @OptionalField LocalDate until)
        implements SubjectEvent {

    /** For as long as the case is open. */
    public CaseParticipantAdded(String subjectRef, String caseId, OrganisationCode organisation) {
        this(subjectRef, caseId, organisation, null);
    }
}
