package nl.ketenbus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.events.Contract.Field;
import nl.ketenbus.events.Contract.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The records and their JSON Schemas describe the same contract and cannot drift apart. */
class EventContractsTest {

    private static final String TYPE_NAME = "nl\\.ketenbus\\.[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*\\.v[1-9][0-9]*";
    private static final String SUBJECT_REF_PATTERN = "^[A-Za-z0-9_-]{8,80}$";

    static List<EventType> catalogue() {
        return EventCatalogue.all();
    }

    static Stream<Contract> contracts() {
        return EventCatalogue.all().stream().map(Contract::of);
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void schemaIsADraft202012DocumentNamedAfterItsType(EventType type) {
        JsonNode schema = Schemas.of(type);
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo("https://ketenbus.nl/schemas/" + type.name() + ".json");
        assertThat(schema.path("title").asText()).isEqualTo(type.payloadType().getSimpleName() + " " + version(type));
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void schemaNamesExactlyTheComponentsOfEveryRecordAndRequiresTheNonOptionalOnes(Contract contract) {
        for (Level level : contract.levels()) {
            String at = contract.type().name() + " at '" + level.path() + "'";
            JsonNode object = level.schema();
            assertThat(object.path("type").asText()).as(at).isEqualTo("object");
            assertThat(object.path("additionalProperties").isBoolean()
                    && !object.path("additionalProperties").asBoolean()).as(at + ": additionalProperties false").isTrue();
            assertThat(fieldNames(object.path("properties"))).as(at)
                    .containsExactlyInAnyOrderElementsOf(components(level.recordType(), false));
            assertThat(textValues(object.path("required"))).as(at + ": required")
                    .containsExactlyInAnyOrderElementsOf(components(level.recordType(), true));
        }
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void everyPropertyHasTheJsonTypeOfItsComponentAndEnumsListExactlyTheJavaConstants(Contract contract) {
        for (Field field : contract.fields()) {
            assertShape(contract.schema(), contract.type().name() + " " + field.path(), field.javaType(), field.schema());
        }
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void stringsAreCodesOrIdentifiersNeverFreeText(Contract contract) {
        // Free text would be personal data in clear; it travels only as a SealedValue.
        contract.fields().stream().filter(field -> field.javaType() == String.class).forEach(field ->
                assertThat(field.schema().has("pattern")).as(contract.type().name() + " " + field.path()).isTrue());
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void subjectRefHasTheSamePatternInEverySchema(EventType type) {
        JsonNode schema = Schemas.of(type);
        JsonNode subjectRef = Schemas.resolve(schema, schema.at("/properties/subjectRef"));
        assertThat(subjectRef.path("pattern").asText()).as(type.name()).isEqualTo(SUBJECT_REF_PATTERN);
    }

    @Test
    void sharedDefinitionsAreIdenticalInEverySchemaThatCopiesThem() {
        // Each schema carries its own copy of the shared $defs so that it stands alone; copies must not drift.
        Map<String, JsonNode> first = new HashMap<>();
        Map<String, String> firstIn = new HashMap<>();
        for (EventType type : EventCatalogue.all()) {
            Schemas.of(type).path("$defs").fields().forEachRemaining(definition -> {
                JsonNode earlier = first.putIfAbsent(definition.getKey(), definition.getValue());
                firstIn.putIfAbsent(definition.getKey(), type.name());
                if (earlier != null) {
                    assertThat(definition.getValue()).as("$defs/" + definition.getKey() + " of " + type.name()
                            + " differs from the copy in " + firstIn.get(definition.getKey())).isEqualTo(earlier);
                }
            });
        }
    }

    @Test
    void typeNamesAreVersionedUniqueAndNamedAfterTheirRecord() {
        List<String> names = EventCatalogue.all().stream().map(EventType::name).toList();
        assertThat(names).doesNotHaveDuplicates().allMatch(name -> name.matches(TYPE_NAME));
        assertThat(EventCatalogue.all().stream().map(EventType::payloadType)).doesNotHaveDuplicates();
        for (EventType type : EventCatalogue.all()) {
            String[] segments = type.name().split("\\.");
            assertThat(segments[3]).as(type.name())
                    .isEqualTo(kebab(withoutPrefix(type.payloadType().getSimpleName(), segments[2])));
        }
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void sampleConformsToItsSchema(EventType type) {
        assertThat(Schemas.validate(type, EventSamples.of(type))).as(type.name()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void sampleReadsBackAsTheSameRecord(EventType type) throws Exception {
        // Intake turns validated data into the record; nothing may be lost on the way.
        SubjectEvent sample = EventSamples.of(type);
        JsonNode json = Schemas.JSON.valueToTree(sample);
        assertThat(Schemas.JSON.treeToValue(json, type.payloadType())).isEqualTo(sample);
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void optionalComponentsAreLeftOutWhenAbsentAndNeverSentAsNull(EventType type) {
        JsonNode minimal = Schemas.JSON.valueToTree(EventSamples.withoutOptionals(EventSamples.of(type)));
        if (!Schemas.of(type).has("allOf")) {
            // Where rules between fields require an optional one (allOf), EventRulesTest covers the absences.
            assertThat(Schemas.validate(type, minimal)).as(type.name()).isEmpty();
        }
        JsonNode full = Schemas.JSON.valueToTree(EventSamples.of(type));
        for (RecordComponent component : type.payloadType().getRecordComponents()) {
            if (Contract.isOptional(component)) {
                assertThat(minimal.has(component.getName())).as(component.getName()).isFalse();
                JsonNode withNull = ((ObjectNode) full.deepCopy()).putNull(component.getName());
                assertThat(Schemas.validate(type, withNull)).as(type.name() + " with null " + component.getName())
                        .isNotEmpty();
            }
        }
    }

    @Test
    void everyTypeHasADataCategory() {
        assertThat(EventCatalogue.all()).allSatisfy(type -> assertThat(type.category()).isNotNull());
    }

    private static void assertShape(JsonNode root, String at, Type type, JsonNode node) {
        Class<?> raw = Contract.rawType(type);
        if (raw == String.class) {
            assertThat(node.path("type").asText()).as(at).isEqualTo("string");
        } else if (raw == int.class) {
            assertThat(node.path("type").asText()).as(at).isEqualTo("integer");
        } else if (raw == LocalDate.class) {
            assertThat(node.path("type").asText() + " " + node.path("format").asText()).as(at).isEqualTo("string date");
        } else if (raw.isEnum()) {
            assertThat(textValues(node.path("enum"))).as(at + " enum").containsExactlyElementsOf(Contract.constants(raw));
        } else if (raw.isRecord()) {
            assertThat(node.path("type").asText()).as(at).isEqualTo("object");
        } else if (raw == List.class) {
            assertThat(node.path("type").asText()).as(at).isEqualTo("array");
            assertShape(root, at + "[]", Contract.typeArgument(type, 0), Schemas.resolve(root, node.path("items")));
        } else if (raw == Map.class) {
            assertEnumKeyedObject(root, at, type, node);
        } else {
            fail(at + ": no JSON Schema mapping decided for " + type.getTypeName() + "; add one here first");
        }
    }

    /** A map with enum keys is an object with exactly those keys, all required, all of one shape. */
    private static void assertEnumKeyedObject(JsonNode root, String at, Type type, JsonNode node) {
        List<String> keys = Contract.constants(Contract.rawType(Contract.typeArgument(type, 0)));
        assertThat(node.path("type").asText()).as(at).isEqualTo("object");
        assertThat(node.path("additionalProperties").asBoolean(true)).as(at + ": additionalProperties").isFalse();
        assertThat(fieldNames(node.path("properties"))).as(at + " keys").containsExactlyElementsOf(keys);
        assertThat(textValues(node.path("required"))).as(at + " required keys").containsExactlyElementsOf(keys);
        JsonNode firstValue = node.path("properties").path(keys.get(0));
        for (String key : keys) {
            assertThat(node.path("properties").path(key)).as(at + "." + key).isEqualTo(firstValue);
            assertShape(root, at + "." + key, Contract.typeArgument(type, 1),
                    Schemas.resolve(root, node.path("properties").path(key)));
        }
    }

    private static List<String> components(Class<?> recordType, boolean requiredOnly) {
        return Arrays.stream(recordType.getRecordComponents())
                .filter(component -> !requiredOnly || !Contract.isOptional(component))
                .map(RecordComponent::getName).toList();
    }

    private static String version(EventType type) {
        return type.name().substring(type.name().lastIndexOf('.') + 1);
    }

    private static String withoutPrefix(String recordName, String family) {
        String prefix = Character.toUpperCase(family.charAt(0)) + family.substring(1);
        return recordName.startsWith(prefix) ? recordName.substring(prefix.length()) : recordName;
    }

    private static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
