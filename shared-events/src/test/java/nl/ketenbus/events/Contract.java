package nl.ketenbus.events;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One catalogue type seen from both sides at once: every record component (of nested records, list
 * elements and map values too) beside the schema node that describes it. The contract tests compare
 * the two sides; the catalogue document and the contract snapshot are rendered from it.
 *
 * @param levels the payload record and every record nested in it, each with its schema object
 * @param fields every component, nested ones under a dotted path ({@code []} a list element,
 *               {@code *} each key of a map)
 */
record Contract(EventType type, JsonNode schema, List<Level> levels, List<Field> fields) {

    /** A record (the payload, or one nested in it) and the schema object that describes it. */
    record Level(String path, Class<?> recordType, JsonNode schema) {
    }

    /**
     * One record component and its property in the schema.
     *
     * @param declared the property as written (its description may sit beside a {@code $ref})
     * @param schema   the property with a local {@code $ref} followed
     */
    record Field(String path, Type javaType, boolean required, JsonNode declared, JsonNode schema) {

        String description() {
            return declared.has("description") ? declared.get("description").asText()
                    : schema.path("description").asText("");
        }

        String typeName() {
            return Contract.typeName(javaType);
        }

        /** The closed list of values: of an enum, of a list's enum elements, or of a map's enum keys. */
        List<String> enumValues() {
            Class<?> raw = rawType(javaType);
            Class<?> values = raw == List.class || raw == Map.class ? rawType(typeArgument(javaType, 0)) : raw;
            return values.isEnum() ? constants(values) : List.of();
        }
    }

    static Contract of(EventType type) {
        JsonNode schema = Schemas.of(type);
        Contract contract = new Contract(type, schema, new ArrayList<>(), new ArrayList<>());
        contract.walk(type.payloadType(), schema, "");
        return new Contract(type, schema, List.copyOf(contract.levels), List.copyOf(contract.fields));
    }

    static boolean isOptional(RecordComponent component) {
        return component.isAnnotationPresent(OptionalField.class);
    }

    static List<String> constants(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(constant -> ((Enum<?>) constant).name()).toList();
    }

    static Class<?> rawType(Type type) {
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
    }

    static Type typeArgument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }

    static String typeName(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return rawType(type).getSimpleName() + Arrays.stream(parameterized.getActualTypeArguments())
                    .map(Contract::typeName).collect(Collectors.joining(", ", "<", ">"));
        }
        return ((Class<?>) type).getSimpleName();
    }

    private void walk(Class<?> recordType, JsonNode object, String path) {
        levels.add(new Level(path, recordType, object));
        String prefix = path.isEmpty() ? "" : path + ".";
        for (RecordComponent component : recordType.getRecordComponents()) {
            JsonNode declared = object.path("properties").path(component.getName());
            JsonNode property = Schemas.resolve(schema, declared);
            String fieldPath = prefix + component.getName();
            fields.add(new Field(fieldPath, component.getGenericType(), !isOptional(component), declared, property));
            descend(component.getGenericType(), property, fieldPath);
        }
    }

    /** Into a nested record, directly or as list element or map value; map keys share one definition. */
    private void descend(Type type, JsonNode node, String path) {
        Class<?> raw = rawType(type);
        if (raw.isRecord()) {
            walk(raw, node, path);
        } else if (raw == List.class) {
            descend(typeArgument(type, 0), Schemas.resolve(schema, node.path("items")), path + "[]");
        } else if (raw == Map.class) {
            String firstKey = constants(rawType(typeArgument(type, 0))).get(0);
            descend(typeArgument(type, 1), Schemas.resolve(schema, node.path("properties").path(firstKey)), path + ".*");
        }
    }
}
