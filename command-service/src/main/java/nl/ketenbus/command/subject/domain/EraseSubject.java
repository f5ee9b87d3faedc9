package nl.ketenbus.command.subject.domain;

import nl.ketenbus.events.subject.ErasureGround;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The privacy officer's erasure decision for a youth (AVG art. 17, or art. 21 upheld).
 *
 * @param decidedBy the user id of the privacy officer, for the erasure proof (never on the event)
 */
public record EraseSubject(@TargetAggregateIdentifier String subjectRef, ErasureGround ground, String decidedBy) {
}
