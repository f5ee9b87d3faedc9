package nl.ketenbus.events.jeugdreclassering;

import nl.ketenbus.events.SubjectEvent;

/**
 * Youth probation ended its supervision of the youth. Published by jeugdreclassering.
 *
 * @param subjectRef    pseudonymous reference of the youth
 * @param supervisionId the {@code supervisionId} of the {@link SupervisionStarted} that ends
 * @param outcome       how the supervision ended
 */
public record SupervisionEnded(String subjectRef, String supervisionId, SupervisionOutcome outcome)
        implements SubjectEvent {
}
