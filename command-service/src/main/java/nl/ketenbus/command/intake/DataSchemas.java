package nl.ketenbus.command.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.subject.PersonalDataForms;
import nl.ketenbus.security.Problems;
import org.springframework.stereotype.Component;

/** The JSON Schemas of the event catalogue and the personal-data forms, loaded once from {@code shared-events}. */
@Component
class DataSchemas {

    private final Map<String, JsonSchema> schemas;

    DataSchemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .build();
        Map<String, String> resources = new java.util.HashMap<>();
        EventCatalogue.all().forEach(type -> resources.put(type.name(), type.schemaResource()));
        resources.putAll(PersonalDataForms.schemas());
        this.schemas = resources.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> load(factory, config, entry.getKey(), entry.getValue())));
    }

    /**
     * The findings of checking {@code data} against the type's schema, each pointing into the
     * CloudEvent ({@code /data/...}); empty when it conforms.
     */
    List<Problems.Finding> violations(String type, JsonNode data) {
        return schemas.get(type).validate(data).stream()
                .map(DataSchemas::finding)
                .sorted(Comparator.comparing(Problems.Finding::pointer).thenComparing(Problems.Finding::detail))
                .toList();
    }

    private static Problems.Finding finding(ValidationMessage message) {
        String location = message.getInstanceLocation().toString();
        String detail = message.getMessage();
        return new Problems.Finding("/data" + location, detail);
    }

    private static JsonSchema load(JsonSchemaFactory factory, SchemaValidatorsConfig config, String type,
                                   String resource) {
        try (InputStream schema = EventType.class.getResourceAsStream(resource)) {
            if (schema == null) {
                throw new IllegalStateException("No JSON Schema for " + type + " at " + resource);
            }
            return factory.getSchema(schema, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
