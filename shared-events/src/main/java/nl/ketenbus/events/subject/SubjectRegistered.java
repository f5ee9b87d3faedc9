package nl.ketenbus.events.subject;

import nl.ketenbus.events.OptionalField;
import nl.ketenbus.events.SealedValue;
import nl.ketenbus.events.SubjectEvent;

/**
 * A youth became known to the backbone: opens the subject's event stream. Recorded by the backbone
 * when a partner first identifies the youth (the HTTPS-only {@link SubjectIdentification} form); no
 * partner publishes it directly. The only event that carries personal data, and only sealed with
 * the subject's data key, so destroying that key erases the person while the history stays.
 *
 * <p>Version 2; version 1 carried only the reference. Stored v1 events are upcast (all personal
 * fields absent), which is why every personal field is optional.
 *
 * @param subjectRef  pseudonymous reference of the youth, derived by the backbone from the BSN
 * @param bsn         the BSN, sealed
 * @param familyName  family name, sealed
 * @param givenNames  given names, sealed
 * @param dateOfBirth date of birth (ISO 8601 date), sealed
 * @param address     address as given, sealed
 */
public record SubjectRegistered(
        String subjectRef,
        @OptionalField SealedValue bsn,
        @OptionalField SealedValue familyName,
        @OptionalField SealedValue givenNames,
        @OptionalField SealedValue dateOfBirth,
        @OptionalField SealedValue address) implements SubjectEvent {

    /** The fields that hold personal data, by the name used when sealing them. */
    public static final java.util.List<String> PERSONAL_FIELDS =
            java.util.List.of("bsn", "familyName", "givenNames", "dateOfBirth", "address");
}
