package nl.ketenbus.events.signal;

import java.time.LocalDate;

import nl.ketenbus.events.SubjectEvent;

/**
 * A professional of a partner organisation noticed a change from the signal card in a youth.
 * Carries no free text: an observation note would be personal data and needs per-subject encryption.
 *
 * @param subjectRef pseudonymous reference of the youth
 * @param signalId   the publisher's identifier of this signal, used to withdraw it later
 * @param category   signal-card category
 * @param indicator  signal-card indicator; belongs to {@code category}
 * @param observedOn the day the change was noticed
 */
public record SignalRaised(
        String subjectRef,
        String signalId,
        SignalCategory category,
        SignalIndicator indicator,
        LocalDate observedOn) implements SubjectEvent {
}
