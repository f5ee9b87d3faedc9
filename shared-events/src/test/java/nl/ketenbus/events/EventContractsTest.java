package nl.ketenbus.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import nl.ketenbus.events.signal.SignalCategory;
import nl.ketenbus.events.signal.SignalIndicator;
import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The records and their JSON Schemas describe the same contract and cannot drift apart. */
class EventContractsTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static List<EventType> catalogue() {
        return EventCatalogue.all();
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void schemaNamesExactlyTheRecordComponentsAllRequired(EventType type) throws IOException {
        JsonNode schema = schemaOf(type);
        Set<String> components = new HashSet<>();
        Arrays.stream(type.payloadType().getRecordComponents()).forEach(component -> components.add(component.getName()));

        assertThat(fieldNames(schema.get("properties"))).isEqualTo(components);
        assertThat(textValues(schema.get("required"))).containsExactlyInAnyOrderElementsOf(components);
        assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        assertThat(schema.get("$id").asText()).endsWith("/" + type.name() + ".json");
    }

    @Test
    void typeNamesAreVersionedAndUnique() {
        List<String> names = EventCatalogue.all().stream().map(EventType::name).toList();
        assertThat(names).doesNotHaveDuplicates().allMatch(name -> name.matches("nl\\.ketenbus(\\.[a-z]+)+\\.v\\d+"));
    }

    @Test
    void signalSchemaListsExactlyTheSignalCardAndBindsIndicatorsToTheirCategory() throws IOException {
        JsonNode schema = schemaOf(EventCatalogue.SIGNAL_RAISED);
        assertThat(textValues(schema.at("/properties/category/enum")))
                .containsExactly(Arrays.stream(SignalCategory.values()).map(Enum::name).toArray(String[]::new));
        assertThat(textValues(schema.at("/properties/indicator/enum")))
                .containsExactly(Arrays.stream(SignalIndicator.values()).map(Enum::name).toArray(String[]::new));
        for (JsonNode rule : schema.get("allOf")) {
            SignalCategory category = SignalCategory.valueOf(rule.at("/if/properties/category/const").asText());
            List<String> expected = Arrays.stream(SignalIndicator.values())
                    .filter(indicator -> indicator.category() == category).map(Enum::name).toList();
            assertThat(textValues(rule.at("/then/properties/indicator/enum"))).as(category.name())
                    .containsExactlyElementsOf(expected);
        }
        assertThat(schema.get("allOf")).hasSize(SignalCategory.values().length);
    }

    @Test
    void serializedRecordsConformToTheirSchemas() throws IOException {
        assertConforms(EventCatalogue.SUBJECT_REGISTERED, new SubjectRegistered("subject-0001"));
        assertConforms(EventCatalogue.SIGNAL_RAISED, new SignalRaised("subject-0001", "politie-sig-1",
                SignalCategory.BEZIT, SignalIndicator.MULTIPLE_PHONES, LocalDate.of(2026, 3, 14)));
    }

    @Test
    void schemaRefusesAnIndicatorOfAnotherCategory() throws IOException {
        JsonNode signal = JSON.valueToTree(new SignalRaised("subject-0001", "sig-1", SignalCategory.GEDRAG,
                SignalIndicator.MULTIPLE_PHONES, LocalDate.of(2026, 3, 14)));
        assertThat(validate(EventCatalogue.SIGNAL_RAISED, signal)).isNotEmpty();
    }

    private static void assertConforms(EventType type, SubjectEvent event) throws IOException {
        assertThat(validate(type, JSON.valueToTree(event))).as(type.name()).isEmpty();
    }

    private static Set<?> validate(EventType type, JsonNode data) throws IOException {
        try (InputStream schema = EventType.class.getResourceAsStream(type.schemaResource())) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(schema, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build())
                    .validate(data);
        }
    }

    private static JsonNode schemaOf(EventType type) throws IOException {
        try (InputStream schema = EventType.class.getResourceAsStream(type.schemaResource())) {
            assertThat(schema).as("schema of " + type.name()).isNotNull();
            return JSON.readTree(schema);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
