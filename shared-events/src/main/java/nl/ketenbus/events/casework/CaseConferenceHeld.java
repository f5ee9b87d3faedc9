package nl.ketenbus.events.casework;

import java.time.LocalDate;
import java.util.List;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SubjectEvent;

/**
 * The structural case meeting (police, casusregisseur, OOV and whoever else is needed) discussed the
 * youth. Decisions travel as codes; minutes stay in the gemeente's file. Published by the gemeente.
 *
 * @param subjectRef   pseudonymous reference of the youth
 * @param caseId       the case
 * @param heldOn       the day of the meeting
 * @param participants the organisations at the table, each once
 * @param decisions    what the meeting decided, each once
 */
public record CaseConferenceHeld(
        String subjectRef,
        String caseId,
        LocalDate heldOn,
        List<OrganisationCode> participants,
        List<CaseDecision> decisions) implements SubjectEvent {
}
