package nl.ketenbus.events.subject;

import java.util.Map;
import java.util.Optional;

import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;

/**
 * The intake forms that carry personal data in clear (HTTPS only, never on a topic), each with the
 * event the backbone records from it. A partner's right to send a form is its right to the event
 * recorded from it.
 */
public final class PersonalDataForms {

    private static final Map<String, EventType> RECORDED_AS = Map.of(
            SubjectIdentification.TYPE, EventCatalogue.SUBJECT_REGISTERED,
            PersonalDataCorrection.TYPE, EventCatalogue.PERSONAL_DATA_CORRECTED);

    private static final Map<String, String> SCHEMAS = Map.of(
            SubjectIdentification.TYPE, SubjectIdentification.SCHEMA,
            PersonalDataCorrection.TYPE, PersonalDataCorrection.SCHEMA);

    private PersonalDataForms() {
    }

    /** Whether the type (possibly absent: a record may declare none) is a personal-data form. */
    public static boolean isForm(String type) {
        // The immutable map refuses to look up null; a record without a type is simply no form.
        return type != null && RECORDED_AS.containsKey(type);
    }

    /** The event recorded from the form, empty when the type is no form. */
    public static Optional<EventType> recordedAs(String formType) {
        return isForm(formType) ? Optional.of(RECORDED_AS.get(formType)) : Optional.empty();
    }

    /** The forms by type, with the classpath resources of their JSON Schemas. */
    public static Map<String, String> schemas() {
        return SCHEMAS;
    }
}
