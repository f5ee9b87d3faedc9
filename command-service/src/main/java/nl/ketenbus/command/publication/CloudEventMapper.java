package nl.ketenbus.command.publication;

import java.io.IOException;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import nl.ketenbus.command.contract.ContractJson;
import nl.ketenbus.command.provenance.Provenance;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.SubjectEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Serializer;

/**
 * Maps a stored event to the CloudEvent published on the backbone topic (documented in
 * docs/kafka.md). The CloudEvents {@code id} is the event store's event identifier, so that every
 * copy of a re-published event has the same id and consumers can drop duplicates.
 * <p>
 * The data is the payload's contract JSON as the store holds it (after upcasting), taken from the
 * stored message without turning it into the payload's record and back: the store serializes with
 * the contract mapper ({@code EventStoreConfiguration}), so the bytes are the ones that round trip
 * would write, and the round trip plus Axon's reading of the metadata were a third of the
 * publisher's CPU time (docs/benchmarks.md, issue 21). A message whose payload is not held
 * serialized by {@code serializer} (none in the running service) is serialized here instead.
 */
class CloudEventMapper {

    static final String PARTNER_EVENT_ID = "partnereventid";
    static final String RECORDED_TIME = "recordedtime";
    static final String ACTOR = "actor";
    static final String TRACEPARENT = "traceparent";
    static final String STREAM_SEQUENCE = "streamsequence";
    private static final String SUBJECT_REF = "subjectRef";

    /**
     * Stored ids that by their form say nothing about anyone: the backbone's own (a UUID) and the keyed
     * references the intake stores since 2026-12-06. Any other is a partner's own id, stored before
     * then, and goes out as its keyed reference.
     */
    private static final Pattern PUBLISHED_AS_STORED = Pattern.compile(
            "(ketenbus|casework)-\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}|pev-\\p{XDigit}{32}");

    private final ObjectMapper json = ContractJson.newMapper();
    private final ObjectReader metaDataReader = json.readerFor(new TypeReference<Map<String, Object>>() {
    });
    private final Serializer serializer;
    private final BinaryOperator<String> partnerEventRefs;

    /**
     * @param serializer       the event store's serializer: the one the stored messages are held in
     * @param partnerEventRefs a partner event's keyed reference from its source and id
     *                         ({@code SubjectPseudonyms.partnerEventRefOf})
     */
    CloudEventMapper(Serializer serializer, BinaryOperator<String> partnerEventRefs) {
        this.serializer = serializer;
        this.partnerEventRefs = partnerEventRefs;
    }

    CloudEvent toCloudEvent(EventMessage<?> message) {
        Class<?> payloadType = message.getPayloadType();
        EventType type = EventCatalogue.byPayloadType(payloadType).orElseThrow(
                () -> new IllegalStateException("Event type not in the catalogue: " + payloadType));
        byte[] data = message.serializePayload(serializer, byte[].class).getData();
        Provenance provenance = Provenance.of(metaDataOf(message));
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(message.getIdentifier())
                .withSource(URI.create(provenance.source()))
                .withType(type.name())
                .withSubject(subjectRefOf(data, message))
                .withTime(provenance.occurredAt())
                .withDataContentType("application/json")
                .withData(data)
                .withExtension(PARTNER_EVENT_ID, published(provenance))
                .withExtension(RECORDED_TIME, message.getTimestamp().atOffset(ZoneOffset.UTC));
        if (message instanceof DomainEventMessage<?> domainEvent) {
            event.withExtension(STREAM_SEQUENCE, domainEvent.getSequenceNumber());
        }
        if (provenance.actor() != null) {
            event.withExtension(ACTOR, provenance.actor());
        }
        if (provenance.traceparent() != null) {
            // The CloudEvents distributed-tracing extension: the trace of the request that brought the fact.
            event.withExtension(TRACEPARENT, provenance.traceparent());
        }
        return event.build();
    }

    private String published(Provenance provenance) {
        String stored = provenance.partnerEventId();
        return PUBLISHED_AS_STORED.matcher(stored).matches() ? stored
                : partnerEventRefs.apply(provenance.source(), stored);
    }

    /** The metadata as stored, read as plain JSON (Axon's own reading of it costs several times more). */
    private Map<String, ?> metaDataOf(EventMessage<?> message) {
        try {
            return metaDataReader.readValue(message.serializeMetaData(serializer, byte[].class).getData());
        } catch (IOException unreadable) {
            throw new IllegalStateException("Unreadable metadata of stored event " + message.getIdentifier(),
                    unreadable);
        }
    }

    /**
     * The youth's reference: the data's top-level {@code subjectRef} (every {@link SubjectEvent} is a
     * record with that component), or, should the JSON not hold it, the payload's own answer.
     */
    String subjectRefOf(byte[] data, EventMessage<?> message) {
        try (JsonParser parser = json.getFactory().createParser(data)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    if (parser.nextToken() == JsonToken.VALUE_STRING && SUBJECT_REF.equals(field)) {
                        return parser.getText();
                    }
                    parser.skipChildren();
                }
            }
        } catch (IOException unreadable) {
            throw new IllegalStateException("Unreadable data of stored event " + message.getIdentifier(), unreadable);
        }
        return ((SubjectEvent) message.getPayload()).subjectRef();
    }
}
