package nl.ketenbus.events.casework;

import nl.ketenbus.events.SubjectEvent;

/**
 * The PGA case was closed; the retention period of case data starts. Published by the gemeente.
 *
 * @param subjectRef pseudonymous reference of the youth
 * @param caseId     the case
 * @param outcome    why it closed
 */
public record CaseClosed(String subjectRef, String caseId, CaseClosureOutcome outcome) implements SubjectEvent {
}
