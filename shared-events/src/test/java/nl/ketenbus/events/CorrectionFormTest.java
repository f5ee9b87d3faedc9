package nl.ketenbus.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import nl.ketenbus.events.subject.PersonalDataCorrected;
import nl.ketenbus.events.subject.PersonalDataCorrection;
import nl.ketenbus.events.subject.PersonalDataForms;
import nl.ketenbus.events.subject.SubjectIdentification;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.junit.jupiter.api.Test;

/** The HTTPS-only correction form: its schema and record agree; what it corrects is sealed in the event. */
class CorrectionFormTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void schemaNamesExactlyTheFormsFieldsAndRequiresTheYouth() throws IOException {
        JsonNode schema = schema();
        assertThat(EventContractsTest.fieldNames(schema.get("properties"))).containsExactlyInAnyOrderElementsOf(
                components(PersonalDataCorrection.class));
        assertThat(EventContractsTest.textValues(schema.get("required"))).containsExactly("subjectRef");
    }

    @Test
    void aCorrectionNamesTheYouthAndAtLeastOneField() throws IOException {
        PersonalDataCorrection address = new PersonalDataCorrection("sr-0000000001", null, null, null, "Dorpsstraat 1");
        PersonalDataCorrection born = new PersonalDataCorrection("sr-0000000001", null, null, LocalDate.of(2010, 5, 2),
                null);
        assertThat(validate(JSON.valueToTree(address))).isEmpty();
        assertThat(validate(JSON.valueToTree(born))).isEmpty();
        assertThat(validate(JSON.createObjectNode().put("subjectRef", "sr-0000000001"))).isNotEmpty();
        assertThat(validate(JSON.createObjectNode().put("familyName", "Jansen"))).isNotEmpty();
        assertThat(validate(JSON.createObjectNode().put("subjectRef", "sr-0000000001").put("bsn", "123456782")))
                .as("the BSN is not corrected").isNotEmpty();
    }

    @Test
    void everyCorrectableFieldIsAnIdentityFieldOtherThanTheBsnAndIsSealedInTheEvent() {
        List<String> formFields = components(PersonalDataCorrection.class).stream()
                .filter(name -> !name.equals("subjectRef")).toList();
        assertThat(PersonalDataCorrected.CORRECTABLE_FIELDS).containsExactlyInAnyOrderElementsOf(formFields);
        assertThat(SubjectRegistered.PERSONAL_FIELDS).containsAll(PersonalDataCorrected.CORRECTABLE_FIELDS);
        assertThat(PersonalDataCorrected.CORRECTABLE_FIELDS).doesNotContain("bsn");
        Arrays.stream(PersonalDataCorrected.class.getRecordComponents())
                .filter(component -> !component.getName().equals("subjectRef"))
                .forEach(component -> assertThat(component.getType()).as(component.getName())
                        .isEqualTo(SealedValue.class));
    }

    @Test
    void eachFormIsRecordedAsAnIdentityEventAndNothingElseIsAForm() {
        assertThat(PersonalDataForms.recordedAs(SubjectIdentification.TYPE)).contains(EventCatalogue.SUBJECT_REGISTERED);
        assertThat(PersonalDataForms.recordedAs(PersonalDataCorrection.TYPE))
                .contains(EventCatalogue.PERSONAL_DATA_CORRECTED);
        assertThat(PersonalDataForms.schemas()).containsOnlyKeys(SubjectIdentification.TYPE, PersonalDataCorrection.TYPE);
        EventCatalogue.all().forEach(type -> assertThat(PersonalDataForms.isForm(type.name())).isFalse());
        assertThat(PersonalDataForms.isForm(null)).as("a record that declares no type").isFalse();
        assertThat(PersonalDataForms.recordedAs(null)).isEmpty();
        assertThat(EventCatalogue.PERSONAL_DATA_CORRECTED.category()).isEqualTo(DataCategory.IDENTITY);
    }

    private static List<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(component -> component.getName()).toList();
    }

    private static Set<?> validate(JsonNode form) throws IOException {
        try (InputStream schema = EventType.class.getResourceAsStream(PersonalDataCorrection.SCHEMA)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(schema, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build())
                    .validate(form);
        }
    }

    private static JsonNode schema() throws IOException {
        try (InputStream schema = EventType.class.getResourceAsStream(PersonalDataCorrection.SCHEMA)) {
            return JSON.readTree(schema);
        }
    }
}
