package nl.ketenbus.events.jeugdreclassering;

import nl.ketenbus.events.SubjectEvent;

/**
 * Youth probation started supervising the youth. Published by jeugdreclassering.
 *
 * @param subjectRef    pseudonymous reference of the youth
 * @param supervisionId jeugdreclassering's identifier of the supervision
 */
public record SupervisionStarted(String subjectRef, String supervisionId) implements SubjectEvent {
}
