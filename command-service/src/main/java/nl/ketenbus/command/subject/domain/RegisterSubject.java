package nl.ketenbus.command.subject.domain;

import nl.ketenbus.events.SealedValue;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A partner identified a youth: open the subject's stream if it is not open yet. The personal data
 * arrives already sealed with the subject's data key; the domain never sees it in clear.
 */
public record RegisterSubject(
        @TargetAggregateIdentifier String subjectRef,
        SealedValue bsn,
        SealedValue familyName,
        SealedValue givenNames,
        SealedValue dateOfBirth,
        SealedValue address) {
}
