package nl.ketenbus.events.casework;

import java.util.List;

import nl.ketenbus.events.SubjectEvent;

/**
 * The partners agreed a (new version of the) action plan for the case: which measures of care,
 * education, sanction and administrative law they will take. Replaces the previous version. Published
 * by the gemeente.
 *
 * @param subjectRef pseudonymous reference of the youth
 * @param caseId     the case
 * @param version    version of the plan within the case, from 1, one higher with every agreement
 * @param measures   the planned measures, at least one
 */
public record ActionPlanAgreed(String subjectRef, String caseId, int version, List<PlannedMeasure> measures)
        implements SubjectEvent {
}
