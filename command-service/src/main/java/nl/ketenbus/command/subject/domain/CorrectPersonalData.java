package nl.ketenbus.command.subject.domain;

import nl.ketenbus.events.SealedValue;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A partner corrected some of a registered youth's personal data (AVG art. 16). The new values
 * arrive sealed with the subject's data key; a field left null keeps its value.
 */
public record CorrectPersonalData(
        @TargetAggregateIdentifier String subjectRef,
        SealedValue familyName,
        SealedValue givenNames,
        SealedValue dateOfBirth,
        SealedValue address) {

    boolean correctsNothing() {
        return familyName == null && givenNames == null && dateOfBirth == null && address == null;
    }
}
