package nl.ketenbus.events.casework;

import nl.ketenbus.events.SubjectEvent;

/**
 * The way the case is directed changed. Published by the gemeente.
 *
 * @param subjectRef pseudonymous reference of the youth
 * @param caseId     the case
 * @param mode       the new mode
 */
public record RegieModeChanged(String subjectRef, String caseId, RegieMode mode) implements SubjectEvent {
}
