package nl.ketenbus.events.subject;

import java.time.LocalDate;

import nl.ketenbus.events.OptionalField;

/**
 * The intake form with which a partner corrects a youth's personal data it knows better now (a new
 * address, a corrected name or date of birth), over HTTPS only like the identification form: it
 * carries personal data in clear. Not an event: the backbone seals the values it names and records
 * {@link PersonalDataCorrected}. At least one field is given; a field left out keeps its value.
 *
 * @param subjectRef  the youth, by the pseudonym the identification answered
 * @param familyName  corrected family name
 * @param givenNames  corrected given names
 * @param dateOfBirth corrected date of birth
 * @param address     new or corrected address
 */
public record PersonalDataCorrection(
        String subjectRef,
        @OptionalField String familyName,
        @OptionalField String givenNames,
        @OptionalField LocalDate dateOfBirth,
        @OptionalField String address) {

    /** CloudEvents type of the form. */
    public static final String TYPE = "nl.ketenbus.subject.correction.v1";

    /** Classpath resource of the form's JSON Schema. */
    public static final String SCHEMA = "/nl/ketenbus/events/forms/" + TYPE + ".json";
}
