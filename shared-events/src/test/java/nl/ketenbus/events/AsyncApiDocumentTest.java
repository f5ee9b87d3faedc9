package nl.ketenbus.events;

import static nl.ketenbus.events.EventContractsTest.fieldNames;
import static nl.ketenbus.events.EventContractsTest.textValues;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** asyncapi.yaml and the catalogue list exactly the same types, each message carrying its type's schema. */
class AsyncApiDocumentTest {

    private static final String STRUCTURED = "StructuredPartnerEvent";
    private static JsonNode asyncApi;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream document = EventType.class.getResourceAsStream("/asyncapi.yaml")) {
            assertThat(document).as("asyncapi.yaml on the classpath").isNotNull();
            asyncApi = new YAMLMapper().readTree(document);
        }
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(asyncApi.path("asyncapi").asText()).startsWith("3.0.");
    }

    @Test
    void hasOneMessagePerCatalogueTypeAndNoOther() {
        List<String> messageTypes = new ArrayList<>();
        messages().forEach(message -> messageTypes.add(message.path("name").asText()));
        assertThat(messageTypes).containsExactlyInAnyOrderElementsOf(
                EventCatalogue.all().stream().map(EventType::name).toList());
    }

    @Test
    void everyMessageCarriesTheSchemaOfItsTypeAndNamesItsRecord() {
        messages().forEach(message -> {
            EventType type = EventCatalogue.byName(message.path("name").asText()).orElseThrow();
            String ref = message.at("/payload/schema/$ref").asText();
            assertThat(ref).as(type.name()).startsWith("./");
            assertThat(ref.substring(1)).as(type.name()).isEqualTo(type.schemaResource());
            assertThat(EventType.class.getResource(ref.substring(1))).as(ref).isNotNull();
            assertThat(message.path("title").asText()).isEqualTo(type.payloadType().getSimpleName());
        });
    }

    @Test
    void theBackboneCarriesEveryMessageAndTheIntakeOnlyWhatPartnersPublish() {
        List<String> typed = new ArrayList<>(fieldNames(asyncApi.at("/components/messages")));
        typed.remove(STRUCTURED);
        assertThat(channelMessages("backbone")).containsExactlyInAnyOrderElementsOf(typed);
        List<String> intake = new ArrayList<>(EventCatalogue.publishedAtIntake().stream()
                .map(type -> type.payloadType().getSimpleName()).toList());
        intake.add(STRUCTURED);
        assertThat(channelMessages("partnerIntake")).containsExactlyInAnyOrderElementsOf(intake);
    }

    /**
     * The schemas are 2020-12 documents declared to AsyncAPI as draft-07 (the newest it knows): only
     * honest while they use no keyword whose meaning differs between the two dialects.
     */
    @Test
    void everySchemaUsesOnlyKeywordsThatMeanTheSameInDraft07And202012() {
        messages().forEach(message -> {
            assertThat(message.at("/payload/schemaFormat").asText()).isEqualTo("application/schema+json;version=draft-07");
            EventType type = EventCatalogue.byName(message.path("name").asText()).orElseThrow();
            List<String> keywords = new ArrayList<>();
            collectKeywords(Schemas.of(type), keywords);
            assertThat(keywords).as(type.name()).allMatch(SHARED_KEYWORDS::contains);
        });
    }

    private static final List<String> SHARED_KEYWORDS = List.of("$schema", "$id", "$ref", "$defs", "title",
            "description", "type", "properties", "required", "additionalProperties", "enum", "const", "pattern",
            "minLength", "maxLength", "minimum", "maximum", "format", "items", "minItems", "maxItems", "uniqueItems",
            "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "examples", "default", "propertyNames",
            "minProperties", "maxProperties");

    /** Keywords of every schema object, skipping the names under properties and $defs. */
    private static void collectKeywords(JsonNode schema, List<String> keywords) {
        if (schema.isArray()) {
            schema.forEach(item -> collectKeywords(item, keywords));
            return;
        }
        if (!schema.isObject()) {
            return;
        }
        schema.fieldNames().forEachRemaining(name -> {
            keywords.add(name);
            JsonNode value = schema.get(name);
            if (name.equals("properties") || name.equals("$defs")) {
                value.forEach(child -> collectKeywords(child, keywords));
            } else if (!name.equals("enum") && !name.equals("const") && !name.equals("examples")
                    && !name.equals("default") && !name.equals("required")) {
                collectKeywords(value, keywords);
            }
        });
    }

    private static List<String> channelMessages(String channel) {
        List<String> refs = new ArrayList<>();
        asyncApi.at("/channels/" + channel + "/messages")
                .forEach(ref -> refs.add(ref.path("$ref").asText().replace("#/components/messages/", "")));
        return refs;
    }

    @Test
    void everyPartnerHasItsOwnIntakeTopicAndAllShareOneBackboneTopic() {
        JsonNode intake = asyncApi.at("/channels/partnerIntake");
        assertThat(intake.path("address").asText()).isEqualTo("ketenbus.intake.{organisation}.v1");
        assertThat(intake.at("/parameters/organisation/$ref").asText()).isEqualTo("#/components/parameters/organisation");
        assertThat(textValues(asyncApi.at("/components/parameters/organisation/enum"))).containsExactlyElementsOf(
                Arrays.stream(OrganisationCode.values()).map(OrganisationCode::code).toList());
        assertThat(asyncApi.at("/channels/backbone/address").asText()).isEqualTo("ketenbus.events.v1");
    }

    @Test
    void headersAreTheCloudEventsKafkaBindingWithTheBackboneExtensions() {
        assertThat(fieldNames(asyncApi.at("/components/schemas/cloudEventHeaders/properties"))).containsExactly(
                "ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject", "ce_time", "content-type",
                "ce_partnereventid", "ce_recordedtime", "ce_streamsequence");
        messages().forEach(message -> assertThat(message.at("/traits/0/$ref").asText())
                .isEqualTo("#/components/messageTraits/cloudEvent"));
        assertThat(asyncApi.at("/components/messageTraits/cloudEvent/bindings/kafka/key/$ref").asText())
                .isEqualTo("#/components/schemas/subjectRef");
    }

    /** The messages of catalogue types (binary mode); the structured-mode envelope is not one of them. */
    private static List<JsonNode> messages() {
        List<JsonNode> messages = new ArrayList<>();
        asyncApi.at("/components/messages").fields().forEachRemaining(message -> {
            if (!message.getKey().equals(STRUCTURED)) {
                messages.add(message.getValue());
            }
        });
        return messages;
    }
}
