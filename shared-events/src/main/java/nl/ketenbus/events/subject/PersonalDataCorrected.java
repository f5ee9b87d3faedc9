package nl.ketenbus.events.subject;

import java.util.List;

import nl.ketenbus.events.OptionalField;
import nl.ketenbus.events.SealedValue;
import nl.ketenbus.events.SubjectEvent;

/**
 * A partner corrected some of a youth's personal data (AVG art. 16): a new version of each field
 * it names, sealed with the subject's data key like the registration. Recorded by the backbone from
 * the HTTPS-only {@link PersonalDataCorrection} form; no partner publishes it directly. Earlier
 * versions stay in the history, sealed; a reader shown the identity sees, per field, the newest
 * version the covenant gives it. The BSN is not corrected: a wrong BSN is another person's.
 *
 * @param subjectRef  pseudonymous reference of the youth
 * @param familyName  corrected family name, sealed
 * @param givenNames  corrected given names, sealed
 * @param dateOfBirth corrected date of birth (ISO 8601 date), sealed
 * @param address     new or corrected address, sealed
 */
public record PersonalDataCorrected(
        String subjectRef,
        @OptionalField SealedValue familyName,
        @OptionalField SealedValue givenNames,
        @OptionalField SealedValue dateOfBirth,
        @OptionalField SealedValue address) implements SubjectEvent {

    /** The fields a correction can carry, by the name used when sealing them. */
    public static final List<String> CORRECTABLE_FIELDS = List.of("familyName", "givenNames", "dateOfBirth", "address");
}
