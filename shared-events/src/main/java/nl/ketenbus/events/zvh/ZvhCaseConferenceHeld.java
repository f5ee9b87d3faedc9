package nl.ketenbus.events.zvh;

import java.time.LocalDate;
import java.util.List;

import nl.ketenbus.events.OptionalField;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SubjectEvent;

/**
 * The Zorg- en Veiligheidshuis held an individual case conference (ICO) about the youth. Published
 * by the ZVH.
 *
 * @param subjectRef   pseudonymous reference of the youth
 * @param conferenceId the ZVH's identifier of the conference
 * @param caseId       optional: the PGA case that escalated, left out when the conference came
 *                     about another way
 * @param heldOn       the day of the conference
 * @param participants the organisations at the table, each once
 */
public record ZvhCaseConferenceHeld(
        String subjectRef,
        String conferenceId,
        @OptionalField String caseId,
        LocalDate heldOn,
        List<OrganisationCode> participants) implements SubjectEvent {
}
