package nl.ketenbus.command.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import org.springframework.stereotype.Component;

/** The JSON Schemas of the event catalogue, loaded once from {@code shared-events}. */
@Component
class DataSchemas {

    private final Map<EventType, JsonSchema> schemas;

    DataSchemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        this.schemas = EventCatalogue.all().stream()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), type -> load(factory, config, type)));
    }

    /** The findings of checking {@code data} against the type's schema; empty when it conforms. */
    List<String> violations(EventType type, JsonNode data) {
        return schemas.get(type).validate(data).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    private static JsonSchema load(JsonSchemaFactory factory, SchemaValidatorsConfig config, EventType type) {
        try (InputStream schema = EventType.class.getResourceAsStream(type.schemaResource())) {
            if (schema == null) {
                throw new IllegalStateException("No JSON Schema for " + type.name() + " at " + type.schemaResource());
            }
            return factory.getSchema(schema, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
