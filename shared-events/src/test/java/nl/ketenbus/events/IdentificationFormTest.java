package nl.ketenbus.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import nl.ketenbus.events.subject.SubjectIdentification;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.junit.jupiter.api.Test;

/** The HTTPS-only identification form: its schema and record agree; its personal fields are sealed in the event. */
class IdentificationFormTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void schemaNamesExactlyTheFormsFields() throws IOException {
        JsonNode schema = schema();
        assertThat(EventContractsTest.fieldNames(schema.get("properties"))).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(SubjectIdentification.class.getRecordComponents()).map(c -> c.getName()).toList());
        assertThat(EventContractsTest.textValues(schema.get("required")))
                .containsExactlyInAnyOrder("bsn", "familyName", "dateOfBirth");
    }

    @Test
    void aFilledFormConformsAndAnIncompleteOneDoesNot() throws IOException {
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

    private static Set<?> validate(JsonNode form) throws IOException {
        try (InputStream schema = EventType.class.getResourceAsStream(SubjectIdentification.SCHEMA)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(schema, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build())
                    .validate(form);
        }
    }

    private static JsonNode schema() throws IOException {
        try (InputStream schema = EventType.class.getResourceAsStream(SubjectIdentification.SCHEMA)) {
            return JSON.readTree(schema);
        }
    }
}
