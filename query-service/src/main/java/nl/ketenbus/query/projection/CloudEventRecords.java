package nl.ketenbus.query.projection;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads backbone records (CloudEvents Kafka binding); says precisely why a record is unusable. */
final class CloudEventRecords {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9.:-]{0,119}$");

    private final ObjectMapper json = new ObjectMapper();

    BackboneEvent read(ConsumerRecord<String, byte[]> record) throws UnprojectableRecord {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record.headers(), record.value()).toEvent();
        } catch (CloudEventRWException e) {
            // Its kind, not its message: the library's message quotes the attribute's value.
            throw new UnprojectableRecord("not a CloudEvent (" + e.getKind() + ")");
        } catch (IllegalStateException e) {
            throw new UnprojectableRecord("not a CloudEvent");
        }
        EventType type = EventCatalogue.byName(event.getType())
                .orElseThrow(() -> new UnprojectableRecord("unknown type" + shown(event.getType())));
        OrganisationCode organisation = OrganisationCode.fromSource(event.getSource().toString())
                .orElseThrow(() -> new UnprojectableRecord("source is not a partner" + shown(event.getSource()
                        .toString())));
        if (event.getSubject() == null || event.getTime() == null || event.getData() == null) {
            throw new UnprojectableRecord("subject, time and data are required");
        }
        return new BackboneEvent(event.getId(), type, event.getSource().toString(), organisation,
                event.getSubject(), event.getTime(), recordedTime(event), streamSequence(event),
                data(event.getData().toBytes()), text(event, "actor", Shapes::isActor),
                text(event, "traceparent", Shapes::isTraceparent));
    }

    private JsonNode data(byte[] bytes) throws UnprojectableRecord {
        try {
            JsonNode data = json.readTree(bytes);
            if (data == null || !data.isObject()) {
                throw new UnprojectableRecord("data is not a JSON object");
            }
            return data;
        } catch (IOException e) {
            // Where, not what: the parser's message quotes the text it could not read, and the reason is
            // logged, kept with the parked record and shown to the administrator.
            throw new UnprojectableRecord("data is not JSON" + (e instanceof JsonProcessingException parsing
                    && parsing.getLocation() != null ? " (at byte " + parsing.getLocation().getByteOffset() + ")" : ""));
        }
    }

    private static OffsetDateTime recordedTime(CloudEvent event) throws UnprojectableRecord {
        Object recorded = event.getExtension("recordedtime");
        if (recorded == null) {
            throw new UnprojectableRecord("extension recordedtime is required");
        }
        try {
            return recorded instanceof OffsetDateTime time ? time : OffsetDateTime.parse(recorded.toString());
        } catch (RuntimeException e) {
            throw new UnprojectableRecord("recordedtime is not a timestamp");
        }
    }

    /** An optional text extension; one that does not have its expected shape makes the record unusable. */
    private static String text(CloudEvent event, String name, Predicate<String> shape) throws UnprojectableRecord {
        Object value = event.getExtension(name);
        if (value == null) {
            return null;
        }
        if (!shape.test(value.toString())) {
            throw new UnprojectableRecord(name + " is not of its form");
        }
        return value.toString();
    }

    private static Long streamSequence(CloudEvent event) throws UnprojectableRecord {
        Object sequence = event.getExtension("streamsequence");
        if (sequence == null) {
            return null;
        }
        try {
            return sequence instanceof Number number ? number.longValue() : Long.parseLong(sequence.toString());
        } catch (NumberFormatException e) {
            throw new UnprojectableRecord("streamsequence is not a number");
        }
    }

    /**
     * A type or source named in a reason, which is logged, kept with the parked record and shown to the
     * administrator: only when it has the form of a name (a newer release's type, another environment's
     * source); anything else a producer wrote there is not repeated.
     */
    private static String shown(String name) {
        return NAME.matcher(name).matches() ? " " + name : "";
    }

    /** The record cannot be projected; it is kept with this reason instead. */
    static final class UnprojectableRecord extends Exception {
        UnprojectableRecord(String reason) {
            super(reason, null, false, false);
        }
    }
}
