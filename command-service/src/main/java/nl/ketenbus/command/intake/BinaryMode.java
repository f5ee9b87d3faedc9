package nl.ketenbus.command.intake;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A CloudEvent in binary mode (attributes in headers, the data as the body) turned into the
 * structured JSON form the intake reads, so that both modes, on both channels, pass the same checks.
 * The content type is the data's ({@code datacontenttype}); the body must be that JSON.
 */
final class BinaryMode {

    /** The media type prefix that marks structured mode (the HTTP and Kafka bindings match it case-insensitively). */
    static final String CLOUDEVENTS_MEDIA_TYPE = "application/cloudevents";
    static final String STRUCTURED_JSON = "application/cloudevents+json";
    static final String BATCH_JSON = "application/cloudevents-batch+json";
    static final String JSON_DATA = "application/json";

    private BinaryMode() {
    }

    /** Whether a content type says structured mode (any event format) rather than binary mode. */
    static boolean isStructured(String contentType) {
        return contentType != null && normalised(contentType).startsWith(CLOUDEVENTS_MEDIA_TYPE);
    }

    /**
     * The media type without parameters, lowercase: {@code Application/JSON; charset=utf-8} is
     * {@code application/json}.
     */
    static String normalised(String contentType) {
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The structured form of a binary-mode event: the attributes as given (names already without
     * their {@code ce-}/{@code ce_} prefix), the content type as {@code datacontenttype}, the body
     * as {@code data}.
     */
    static ObjectNode structured(ObjectMapper json, Map<String, String> attributes, String contentType, byte[] body) {
        if (contentType != null && !normalised(contentType).equals(JSON_DATA)) {
            throw IntakeRefusal.badRequest("unsupported-datacontenttype", "Unsupported data content type",
                    "/datacontenttype", "the data of a binary-mode event must be " + JSON_DATA).asException();
        }
        ObjectNode event = json.createObjectNode();
        attributes.forEach(event::put);
        if (contentType != null) {
            event.put("datacontenttype", contentType);
        }
        event.set("data", data(json, body));
        return event;
    }

    private static JsonNode data(ObjectMapper json, byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw IntakeRefusal.badRequest("malformed-json", "Malformed JSON", "/data",
                    "the data (the body of a binary-mode event) is not valid JSON").asException();
        }
    }
}
