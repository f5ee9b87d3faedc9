package nl.ketenbus.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

/** Every contract and the AsyncAPI document declare a subject reference exactly as {@link SubjectReference}. */
class SubjectReferenceTest {

    @Test
    void everySchemaDeclaresTheOneSubjectReferencePattern() {
        for (EventType type : EventCatalogue.all()) {
            JsonNode schema = Schemas.of(type);
            JsonNode subjectRef = Schemas.resolve(schema, schema.at("/properties/subjectRef"));
            assertThat(subjectRef.path("pattern").asText()).as(type.name())
                    .isEqualTo(SubjectReference.CONTRACT_PATTERN);
            schema.findValues("pattern").stream().map(JsonNode::asText).filter(pattern -> pattern.contains("{8,80}"))
                    .forEach(pattern -> assertThat(pattern).as(type.name()).isEqualTo(SubjectReference.CONTRACT_PATTERN));
        }
    }

    @Test
    void theAsyncApiDocumentDeclaresItToo() throws IOException {
        try (InputStream document = EventType.class.getResourceAsStream("/asyncapi.yaml")) {
            JsonNode asyncApi = new YAMLMapper().readTree(document);
            assertThat(asyncApi.at("/components/schemas/subjectRef/pattern").asText())
                    .isEqualTo(SubjectReference.CONTRACT_PATTERN);
        }
    }

    @Test
    void acceptsPseudonymsAndRefusesAnythingElse() {
        assertThat(SubjectReference.isValid("sr-0123456789abcdef")).isTrue();
        assertThat(SubjectReference.isValid("short")).isFalse();
        assertThat(SubjectReference.isValid("has space in it")).isFalse();
        assertThat(SubjectReference.isValid("x".repeat(81))).isFalse();
        assertThat(SubjectReference.isValid(null)).isFalse();
    }

    @Test
    void refusesANumberSuchAsABsnTypedWhereAPseudonymBelongs() {
        assertThat(SubjectReference.isValid("123456782")).as("a BSN").isFalse();
        assertThat(SubjectReference.isValid("12345678")).as("an eight-digit BSN").isFalse();
        assertThat(SubjectReference.isValid("2024000123456")).as("a registration number").isFalse();
        assertThat(SubjectReference.isValid("sr-12345678901234567890")).isTrue();
    }

    @Test
    void aPageTakesOnlyTheFormOfAnIssuedPseudonym() {
        assertThat(SubjectReference.isIssued("sr-" + "0123456789abcdef".repeat(4))).isTrue();
        assertThat(SubjectReference.isIssued("sr-" + "0123456789ABCDEF".repeat(4))).isFalse();
        assertThat(SubjectReference.isIssued("BSN123456782")).isFalse();
        assertThat(SubjectReference.isIssued("123-456-782")).isFalse();
        assertThat(SubjectReference.isIssued("sr-0123")).isFalse();
    }
}
