package nl.ketenbus.command.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.subject.PersonalDataCorrection;
import nl.ketenbus.events.subject.SubjectIdentification;
import nl.ketenbus.security.ApiDescriptionConfiguration;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Describes {@code POST /v1/events} as a partner's integrator needs it to generate a client and try
 * it: the three request forms (structured, batch, binary), each event type's data with the JSON Schema
 * the intake checks it against (from shared-events, so the description cannot drift from the check),
 * and every answer. Springdoc cannot see any of this: the controller reads the body itself.
 */
@Component
class IntakeApiDescription implements GlobalOpenApiCustomizer {

    static final String PATH = "/v1/events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMAS = "#/components/schemas/";

    @Override
    public void customise(OpenAPI api) {
        Operation publish = api.getPaths().get(PATH).getPost();
        List<Schema> events = new ArrayList<>();
        for (Map.Entry<String, String> type : publishableTypes().entrySet()) {
            String name = componentName(type.getKey());
            api.getComponents().addSchemas(name + "Data", dataSchema(type.getValue()));
            api.getComponents().addSchemas(name, envelope(type.getKey(), name + "Data"));
            events.add(ref(name));
        }
        api.getComponents().addSchemas("PartnerCloudEvent", new Schema<>().oneOf(events)
                .description("One partner event in structured mode: the envelope of its type with that type's data"));
        api.getComponents().addSchemas("IntakeOutcome", outcome());
        api.getComponents().addSchemas("BatchAnswer", batchAnswer());
        publish.setRequestBody(new RequestBody().required(true).description("""
                One CloudEvent 1.0 in structured mode (at most 64 KiB), a batch of up to 1,000 (at most 8 MiB), \
                or one event in binary mode: its attributes as ce-* headers (ce-specversion, ce-id, ce-source, \
                ce-type, ce-subject, optionally ce-time), its data as the application/json body.""")
                .content(new Content()
                        .addMediaType(BinaryMode.STRUCTURED_JSON, new MediaType().schema(ref("PartnerCloudEvent")))
                        .addMediaType(BinaryMode.BATCH_JSON, new MediaType().schema(typed("array")
                                .minItems(1).maxItems(1000).items(ref("PartnerCloudEvent"))))
                        .addMediaType(BinaryMode.JSON_DATA, new MediaType().schema(new Schema<>().oneOf(events
                                .stream().map(event -> ref(event.get$ref().substring(SCHEMAS.length()) + "Data"))
                                .map(Schema.class::cast).toList())))));
        publish.addParametersItem(binaryHeader("ce-specversion", "binary mode: 1.0"));
        publish.addParametersItem(binaryHeader("ce-id", "binary mode: the event's id, unique per source"));
        publish.addParametersItem(binaryHeader("ce-source", "binary mode: urn:ketenbus:org:<organisation>"));
        publish.addParametersItem(binaryHeader("ce-type", "binary mode: the event type"));
        publish.addParametersItem(binaryHeader("ce-subject", "binary mode: the youth's subjectRef (not on the "
                + "identification form)"));
        publish.addParametersItem(binaryHeader("ce-time", "binary mode: when it happened (RFC 3339, "
                + "percent-encoded where needed)"));
        publish.setOperationId("publishEvents");
        publish.setResponses(new ApiResponses()
                .addApiResponse("202", json("Accepted: the event is durable in the event store", ref("IntakeOutcome")))
                .addApiResponse("200", json("A duplicate of an accepted event (nothing new stored), or a batch's "
                        + "answer, one result per event", new Schema<>().oneOf(List.of(ref("IntakeOutcome"),
                        ref("BatchAnswer"))))));
        for (int status : new int[] {400, 401, 403, 413, 415, 422, 503}) {
            ApiDescriptionConfiguration.addIfAbsent(publish, status, switch (status) {
                case 400 -> "The event is malformed or its data breaks its schema (docs/api.md lists the problems)";
                case 401 -> "No valid bearer token (urn:ketenbus:problem:unauthenticated)";
                case 403 -> "The source is not the caller's organisation, or the covenant gives no publishing right";
                case 413 -> "The event or batch is too large";
                case 415 -> "Not a CloudEvents media type, or another event format than JSON";
                case 422 -> "The youth's state refuses it (not registered, signal not raised, case not escalated)";
                default -> "The intake is full (its lanes are busy): retry later with the same id";
            });
        }
    }

    /** The types partners publish at intake, by name, with their schema resources. */
    private static Map<String, String> publishableTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        types.put(SubjectIdentification.TYPE, SubjectIdentification.SCHEMA);
        types.put(PersonalDataCorrection.TYPE, PersonalDataCorrection.SCHEMA);
        EventCatalogue.all().stream().filter(type -> type.category().publishedAtIntake())
                .forEach(type -> types.put(type.name(), type.schemaResource()));
        return types;
    }

    /** {@code nl.ketenbus.signal.raised.v1} becomes {@code SignalRaisedV1}. */
    static String componentName(String type) {
        String[] parts = type.substring("nl.ketenbus.".length()).split("[.-]");
        StringBuilder name = new StringBuilder();
        for (int index = 0; index < parts.length; index++) {
            name.append(Character.toUpperCase(parts[index].charAt(0))).append(parts[index].substring(1));
        }
        return name.toString();
    }

    /** The shared-events schema, self-contained: its {@code $defs} put in place, its own identifiers dropped. */
    private static Schema dataSchema(String resource) {
        try (InputStream in = EventType.class.getResourceAsStream(resource)) {
            ObjectNode schema = (ObjectNode) JSON.readTree(in);
            JsonNode defs = schema.remove("$defs");
            schema.remove("$schema");
            schema.remove("$id");
            return Json31.mapper().convertValue(inline(schema, defs), Schema.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode inline(JsonNode node, JsonNode defs) {
        if (node.isObject()) {
            JsonNode target = node.path("$ref");
            if (target.isTextual() && target.asText().startsWith("#/$defs/") && defs != null) {
                ObjectNode resolved = ((ObjectNode) inline(defs.get(target.asText().substring(8)), defs)).deepCopy();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!field.getKey().equals("$ref")) {
                        resolved.set(field.getKey(), inline(field.getValue(), defs));
                    }
                }
                return resolved;
            }
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), inline(field.getValue(), defs)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(inline(item, defs)));
            return copy;
        }
        return node;
    }

    private static Schema envelope(String type, String data) {
        boolean identification = SubjectIdentification.TYPE.equals(type);
        Schema<?> envelope = typed("object").description("A " + type + " event in structured mode")
                .addProperty("specversion", typed("string")._const("1.0"))
                .addProperty("id", typed("string").minLength(1).maxLength(200)
                        .description("Unique per source; a retry sends the same id"))
                .addProperty("source", typed("string").pattern("^urn:ketenbus:org:[a-z]+$")
                        .example("urn:ketenbus:org:politie"))
                .addProperty("type", typed("string")._const(type))
                .addProperty("time", typed("string").format("date-time")
                        .description("When it happened; at most 5 minutes ahead, at most 25 years ago"))
                .addProperty("datacontenttype", typed("string")._const("application/json"))
                .addProperty("data", ref(data));
        List<String> required = new ArrayList<>(List.of("specversion", "id", "source", "type", "data"));
        if (!identification) {
            envelope.addProperty("subject", typed("string")
                    .description("The youth's subjectRef; equals data.subjectRef"));
            required.add("subject");
        }
        return envelope.required(required);
    }

    private static Schema outcome() {
        return typed("object")
                .addProperty("id", typed("string"))
                .addProperty("source", typed("string"))
                .addProperty("subject", typed("string")
                        .description("The youth's subjectRef (for the identification form: the one derived)"))
                .addProperty("outcome", new StringSchema()._enum(List.of("accepted", "duplicate")))
                .addProperty("receivedAt", typed("string").format("date-time")
                        .description("When the backbone first received it"))
                .required(List.of("id", "source", "outcome", "receivedAt"));
    }

    private static Schema batchAnswer() {
        Schema<?> result = typed("object")
                .addProperty("index", typed("integer"))
                .addProperty("id", typed("string"))
                .addProperty("source", typed("string"))
                .addProperty("subject", typed("string"))
                .addProperty("outcome", new StringSchema()._enum(List.of("accepted", "duplicate", "refused")))
                .addProperty("problem", ref(ApiDescriptionConfiguration.PROBLEM))
                .required(List.of("index", "outcome"));
        return typed("object")
                .addProperty("accepted", typed("integer"))
                .addProperty("duplicates", typed("integer"))
                .addProperty("refused", typed("integer"))
                .addProperty("results", typed("array").items(result))
                .required(List.of("accepted", "duplicates", "refused", "results"));
    }

    private static HeaderParameter binaryHeader(String name, String description) {
        return (HeaderParameter) new HeaderParameter().name(name).required(false).description(description)
                .schema(typed("string"));
    }

    private static ApiResponse json(String description, Schema<?> schema) {
        return new ApiResponse().description(description)
                .content(new Content().addMediaType("application/json", new MediaType().schema(schema)));
    }

    /** A schema of one JSON type, as OpenAPI 3.1 writes it ({@code type} alone is dropped there). */
    private static Schema<?> typed(String type) {
        return new Schema<>().type(type).types(new LinkedHashSet<>(List.of(type)));
    }

    private static Schema<?> ref(String component) {
        return new Schema<>().$ref(SCHEMAS + component);
    }
}
