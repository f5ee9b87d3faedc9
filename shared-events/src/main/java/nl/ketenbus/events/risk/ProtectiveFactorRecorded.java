package nl.ketenbus.events.risk;

import java.time.LocalDate;

import nl.ketenbus.events.SubjectEvent;

/**
 * A professional recorded a protective factor present in the youth's life, typically jeugdhulp,
 * jongerenwerk, onderwijs or the casusregisseur while building the social perspective.
 *
 * @param subjectRef         pseudonymous reference of the youth
 * @param protectiveFactorId the publisher's identifier of this protective factor
 * @param factor             one of the plan's ten protective factors
 * @param recordedOn         the day the publisher recorded the factor in its own file
 */
public record ProtectiveFactorRecorded(
        String subjectRef,
        String protectiveFactorId,
        ProtectiveFactor factor,
        LocalDate recordedOn) implements SubjectEvent {
}
