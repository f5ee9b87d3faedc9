package nl.ketenbus.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Reads the JSON Schemas of the catalogue and validates event JSON against them, as intake does. */
final class Schemas {

    /** The contract JSON as the services write it: dates as ISO 8601 strings. */
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final SchemaValidatorsConfig FORMATS_ASSERTED =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private Schemas() {
    }

    static JsonNode of(EventType type) {
        try (InputStream schema = EventType.class.getResourceAsStream(type.schemaResource())) {
            if (schema == null) {
                throw new AssertionError("no schema " + type.schemaResource() + " for " + type.name());
            }
            return JSON.readTree(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<ValidationMessage> validate(EventType type, JsonNode data) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(of(type), FORMATS_ASSERTED)
                .validate(data);
    }

    /** The JSON Schema of an intake form, by its classpath resource. */
    static JsonNode ofForm(String resource) {
        try (InputStream schema = EventType.class.getResourceAsStream(resource)) {
            if (schema == null) {
                throw new AssertionError("no form schema " + resource);
            }
            return JSON.readTree(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<ValidationMessage> validateForm(String resource, JsonNode form) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(ofForm(resource), FORMATS_ASSERTED)
                .validate(form);
    }

    static Set<ValidationMessage> validate(EventType type, SubjectEvent event) {
        return validate(type, (JsonNode) JSON.valueToTree(event));
    }

    /** The node itself, or the definition a local {@code $ref} in it points at. */
    static JsonNode resolve(JsonNode root, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? root.at(ref.substring(1)) : node;
    }

    /** The schema with its object keys sorted and without layout, so that only content counts. */
    static String normalised(JsonNode schema) {
        try {
            Object tree = JSON.treeToValue(schema, Object.class);
            return JSON.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
