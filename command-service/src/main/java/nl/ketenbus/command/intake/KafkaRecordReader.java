package nl.ketenbus.command.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.http.HttpStatus;

/**
 * Reads a record of the CloudEvents Kafka binding with the intake's reader, so both channels are
 * checked by the same code. A {@code content-type} that starts with {@code application/cloudevents}
 * (in any letter case) is structured mode, where only the JSON event format is accepted; anything
 * else is binary mode: the {@code ce_} headers are the attributes, the value is the data.
 */
final class KafkaRecordReader {

    private final ObjectMapper json;
    private final long maxEventSize;

    KafkaRecordReader(ObjectMapper json, long maxEventSize) {
        this.json = json;
        this.maxEventSize = maxEventSize;
    }

    PartnerEvent read(ConsumerRecord<String, byte[]> record, CloudEventReader reader) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        if (value.length > maxEventSize) {
            throw new IntakeRefusal(HttpStatus.PAYLOAD_TOO_LARGE, "event-too-large",
                    "Event too large", "a CloudEvent may be at most " + maxEventSize + " bytes").asException();
        }
        String contentType = header(record, "content-type");
        if (BinaryMode.isStructured(contentType)) {
            if (!BinaryMode.normalised(contentType).equals(BinaryMode.STRUCTURED_JSON)) {
                throw IntakeRefusal.badRequest("unsupported-event-format", "Unsupported event format",
                        "structured records must be " + BinaryMode.STRUCTURED_JSON + ", the JSON event format")
                        .asException();
            }
            return reader.read(new String(value, StandardCharsets.UTF_8));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (header.key().startsWith("ce_") && header.value() != null) {
                attributes.put(header.key().substring(3), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return reader.readBinary(attributes, contentType, value);
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

    /**
     * The youth a record is about, for keeping its youth's records in their order when one is held (ADR 0032): its
     * CloudEvents {@code subject} (the {@code subjectRef} the intake decides by), read as {@link #read} reads it
     * (from the value of a structured record, from {@code ce_subject} otherwise), else its key (the partners key by
     * it); null when it has neither. Read only while records are held.
     */
    String youthOf(ConsumerRecord<String, byte[]> record) {
        String subject = null;
        if (!BinaryMode.isStructured(header(record, "content-type"))) {
            subject = header(record, "ce_subject");
        } else if (record.value() != null && record.value().length <= maxEventSize) {
            try {
                JsonNode structured = json.readTree(record.value());
                if (structured != null && structured.path("subject").isTextual()) {
                    subject = structured.get("subject").asText();
                }
            } catch (IOException notJson) {
                // Not a CloudEvent the intake can read: its key is all there is.
            }
        }
        return subject != null ? subject : record.key();
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
