package nl.ketenbus.command.publication;

import java.net.URI;
import java.time.ZoneOffset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import nl.ketenbus.command.contract.ContractJson;
import nl.ketenbus.command.provenance.Provenance;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.SubjectEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/**
 * Maps a stored event to the CloudEvent published on the backbone topic (documented in
 * docs/kafka.md). The CloudEvents {@code id} is the event store's event identifier, so that every
 * copy of a re-published event has the same id and consumers can drop duplicates.
 */
class CloudEventMapper {

    static final String PARTNER_EVENT_ID = "partnereventid";
    static final String RECORDED_TIME = "recordedtime";
    static final String ACTOR = "actor";
    static final String TRACEPARENT = "traceparent";
    static final String STREAM_SEQUENCE = "streamsequence";

    private final ObjectMapper json = ContractJson.newMapper();

    CloudEvent toCloudEvent(EventMessage<?> message) {
        SubjectEvent payload = (SubjectEvent) message.getPayload();
        EventType type = EventCatalogue.byPayloadType(payload.getClass()).orElseThrow(
                () -> new IllegalStateException("Event type not in the catalogue: " + payload.getClass()));
        Provenance provenance = Provenance.of(message.getMetaData());
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(message.getIdentifier())
                .withSource(URI.create(provenance.source()))
                .withType(type.name())
                .withSubject(payload.subjectRef())
                .withTime(provenance.occurredAt())
                .withDataContentType("application/json")
                .withData(serialize(payload))
                .withExtension(PARTNER_EVENT_ID, provenance.partnerEventId())
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

    private byte[] serialize(SubjectEvent payload) {
        try {
            return json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + payload.getClass().getSimpleName(), e);
        }
    }
}
