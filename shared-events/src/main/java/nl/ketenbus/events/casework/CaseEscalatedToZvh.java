package nl.ketenbus.events.casework;

import java.util.List;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SubjectEvent;

/**
 * The local approach does not suffice: the casusregisseur asks the Zorg- en Veiligheidshuis for an
 * individual case conference (ICO). The ZVH answers with
 * {@link nl.ketenbus.events.zvh.ZvhTriageAnswered}. Published by the gemeente.
 *
 * @param subjectRef       pseudonymous reference of the youth
 * @param caseId           the case
 * @param reason           why the case escalates
 * @param goal             what the conference should achieve
 * @param partnersToInvite the organisations the conference should invite, each once, at least one
 */
public record CaseEscalatedToZvh(
        String subjectRef,
        String caseId,
        ZvhEscalationReason reason,
        ZvhEscalationGoal goal,
        List<OrganisationCode> partnersToInvite) implements SubjectEvent {
}
