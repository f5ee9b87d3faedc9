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
        assertThat(channelMessages("backbone")).containsExactlyInAnyOrderElementsOf(
                fieldNames(asyncApi.at("/components/messages")));
        assertThat(channelMessages("partnerIntake")).containsExactlyInAnyOrderElementsOf(
                EventCatalogue.publishedAtIntake().stream().map(type -> type.payloadType().getSimpleName()).toList());
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

    private static List<JsonNode> messages() {
        List<JsonNode> messages = new ArrayList<>();
        asyncApi.at("/components/messages").forEach(messages::add);
        return messages;
    }
}
