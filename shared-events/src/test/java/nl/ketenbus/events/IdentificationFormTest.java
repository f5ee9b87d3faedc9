package nl.ketenbus.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.events.subject.SubjectIdentification;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.junit.jupiter.api.Test;

/** The HTTPS-only identification form: its schema and record agree; its personal fields are sealed in the event. */
class IdentificationFormTest {

    private static final ObjectMapper JSON = Schemas.JSON;

    @Test
    void schemaNamesExactlyTheFormsFields() {
        JsonNode schema = schema();
        assertThat(EventContractsTest.fieldNames(schema.get("properties"))).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(SubjectIdentification.class.getRecordComponents()).map(c -> c.getName()).toList());
        assertThat(EventContractsTest.textValues(schema.get("required")))
                .containsExactlyInAnyOrder("bsn", "familyName", "dateOfBirth");
    }

    @Test
    void aFilledFormConformsAndAnIncompleteOneDoesNot() {
        SubjectIdentification form = new SubjectIdentification("123456782", "Jansen", "Jan", LocalDate.of(2010, 5, 1),
                null);
        assertThat(validate(JSON.valueToTree(form))).isEmpty();
        assertThat(validate(JSON.createObjectNode().put("bsn", "123456782"))).isNotEmpty();
    }

    @Test
    void everyPersonalFieldOfTheFormIsSealedInTheEvent() {
        assertThat(SubjectRegistered.PERSONAL_FIELDS).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(SubjectIdentification.class.getRecordComponents()).map(c -> c.getName()).toList());
        Arrays.stream(SubjectRegistered.class.getRecordComponents())
                .filter(component -> !component.getName().equals("subjectRef"))
                .forEach(component -> assertThat(component.getType()).as(component.getName()).isEqualTo(SealedValue.class));
    }

    private static Set<?> validate(JsonNode form) {
        return Schemas.validateForm(SubjectIdentification.SCHEMA, form);
    }

    private static JsonNode schema() {
        return Schemas.ofForm(SubjectIdentification.SCHEMA);
    }
}
