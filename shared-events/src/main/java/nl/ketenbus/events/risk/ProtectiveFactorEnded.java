package nl.ketenbus.events.risk;

import java.time.LocalDate;

import nl.ketenbus.events.SubjectEvent;

/**
 * The partner that recorded a protective factor says it is no longer present (the youth left the
 * sports club, lost the job). Only the recording partner ends it.
 *
 * @param subjectRef         pseudonymous reference of the youth
 * @param protectiveFactorId the identifier the partner gave the protective factor when it recorded it
 * @param endedOn            the day the partner found that the factor is no longer present
 */
public record ProtectiveFactorEnded(String subjectRef, String protectiveFactorId, LocalDate endedOn)
        implements SubjectEvent {
}
