package nl.ketenbus.command.intake;

import java.time.Instant;

/**
 * What became of an event that was not refused.
 *
 * @param id         the partner's CloudEvents id
 * @param source     the partner's CloudEvents source
 * @param subject    the youth's {@code subjectRef}; for the identification form the one the backbone
 *                   derived, which the partner uses in every later event
 * @param outcome    {@code accepted} (stored now) or {@code duplicate} (stored before; nothing new)
 * @param receivedAt when the backbone first received it
 */
record IntakeOutcome(String id, String source, String subject, String outcome, Instant receivedAt) {

    static final String ACCEPTED = "accepted";
    static final String DUPLICATE = "duplicate";
}
