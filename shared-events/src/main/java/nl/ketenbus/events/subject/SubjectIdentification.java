package nl.ketenbus.events.subject;

import java.time.LocalDate;

import nl.ketenbus.events.OptionalField;

/**
 * The intake form with which a partner identifies a youth by BSN, over HTTPS only (never on a
 * Kafka topic: it carries personal data in clear). Not an event: the backbone validates the BSN,
 * derives the {@code subjectRef} (a keyed pseudonym), answers it to the partner, seals the personal
 * data with the subject's data key and records {@link SubjectRegistered} the first time the youth
 * is identified. Every later event of any partner names the youth by that {@code subjectRef}.
 *
 * @param bsn         citizen service number: nine digits passing the 11-check
 * @param familyName  family name
 * @param givenNames  given names
 * @param dateOfBirth date of birth
 * @param address     address as the partner knows it
 */
public record SubjectIdentification(
        String bsn,
        String familyName,
        @OptionalField String givenNames,
        LocalDate dateOfBirth,
        @OptionalField String address) {

    /** CloudEvents type of the form. */
    public static final String TYPE = "nl.ketenbus.subject.identification.v1";

    /** Classpath resource of the form's JSON Schema. */
    public static final String SCHEMA = "/nl/ketenbus/events/forms/" + TYPE + ".json";

    /** Personal data: never in a log line, also not at DEBUG, where Spring writes what it read or answered. */
    @Override
    public String toString() {
        return "SubjectIdentification[personal data not shown]";
    }
}
