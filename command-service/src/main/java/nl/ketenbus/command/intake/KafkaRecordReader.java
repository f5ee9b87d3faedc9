package nl.ketenbus.command.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns a record of the CloudEvents Kafka binding into the structured JSON form the intake reads,
 * so both channels are checked by the same code. Structured mode ({@code content-type:
 * application/cloudevents+json}) passes the value through; binary mode maps the {@code ce_}
 * headers to attributes and the value to {@code data}.
 */
final class KafkaRecordReader {

    private static final String STRUCTURED = "application/cloudevents+json";

    private final ObjectMapper json;
    private final long maxEventSize;

    KafkaRecordReader(ObjectMapper json, long maxEventSize) {
        this.json = json;
        this.maxEventSize = maxEventSize;
    }

    String structuredJson(ConsumerRecord<String, byte[]> record) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        if (value.length > maxEventSize) {
            throw new IntakeRefusal(org.springframework.http.HttpStatus.PAYLOAD_TOO_LARGE, "event-too-large",
                    "Event too large", "a CloudEvent may be at most " + maxEventSize + " bytes").asException();
        }
        String contentType = header(record, "content-type");
        if (contentType != null && contentType.startsWith(STRUCTURED)) {
            return new String(value, StandardCharsets.UTF_8);
        }
        ObjectNode event = json.createObjectNode();
        for (Header header : record.headers()) {
            if (header.key().startsWith("ce_") && header.value() != null) {
                event.put(header.key().substring(3), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        if (contentType != null) {
            event.put("datacontenttype", contentType);
        }
        event.set("data", data(value));
        return event.toString();
    }

    private JsonNode data(byte[] value) {
        if (value.length == 0) {
            return null;
        }
        try {
            return json.readTree(value);
        } catch (IOException e) {
            throw IntakeRefusal.badRequest("malformed-json", "Malformed JSON", "/data",
                    "the record value is not valid JSON").asException();
        }
    }

    /**
     * The type the record claims, read leniently before any check: the identification form must be
     * recognised even when the rest of the record is broken, so its value is never copied.
     */
    String declaredType(ConsumerRecord<String, byte[]> record) {
        String binary = header(record, "ce_type");
        if (binary != null || record.value() == null) {
            return binary;
        }
        try {
            JsonNode structured = json.readTree(record.value());
            return structured != null && structured.path("type").isTextual() ? structured.get("type").asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
