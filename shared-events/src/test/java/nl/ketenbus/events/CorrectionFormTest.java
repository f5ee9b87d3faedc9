package nl.ketenbus.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.events.subject.PersonalDataCorrected;
import nl.ketenbus.events.subject.PersonalDataCorrection;
import nl.ketenbus.events.subject.PersonalDataForms;
import nl.ketenbus.events.subject.SubjectIdentification;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.junit.jupiter.api.Test;

/** The HTTPS-only correction form: its schema and record agree; what it corrects is sealed in the event. */
class CorrectionFormTest {

    private static final ObjectMapper JSON = Schemas.JSON;

    @Test
    void schemaNamesExactlyTheFormsFieldsAndRequiresTheYouth() {
        JsonNode schema = schema();
        assertThat(EventContractsTest.fieldNames(schema.get("properties"))).containsExactlyInAnyOrderElementsOf(
                components(PersonalDataCorrection.class));
        assertThat(EventContractsTest.textValues(schema.get("required"))).containsExactly("subjectRef");
    }

    @Test
    void aCorrectionNamesTheYouthAndAtLeastOneField() {
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

    private static Set<?> validate(JsonNode form) {
        return Schemas.validateForm(PersonalDataCorrection.SCHEMA, form);
    }

    private static JsonNode schema() {
        return Schemas.ofForm(PersonalDataCorrection.SCHEMA);
    }
}
