package nl.ketenbus.command.subject.domain;

import java.time.Instant;

import nl.ketenbus.events.subject.ErasureGround;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The privacy officer's erasure decision for a youth (AVG art. 17, or art. 21 upheld).
 *
 * @param decidedBy the user id of the privacy officer, for the erasure proof (never on the event)
 * @param decidedAt when it was decided, for an erasure carried out again after a restored backup (the erasure
 *                  register's time); null for an erasure decided now
 */
public record EraseSubject(@TargetAggregateIdentifier String subjectRef, ErasureGround ground, String decidedBy,
                           Instant decidedAt) {

    /** An erasure decided now. */
    public EraseSubject(String subjectRef, ErasureGround ground, String decidedBy) {
        this(subjectRef, ground, decidedBy, null);
    }
}
