package nl.ketenbus.command.identity;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Hidden;
import nl.ketenbus.command.contract.ContractJson;
import nl.ketenbus.command.provenance.Provenance;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.security.Refused;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A youth's stream as the store holds it, for the privacy officer's copy of the youth's data (AVG
 * art. 15(3), ADR 0027): every event of the youth still in the store, the ones the read models no
 * longer show and the store keeps for its archive term included (ADR 0024), each as its published
 * CloudEvent names it (id, type, source, time, recorded time) with its data, sealed values still sealed:
 * the query side opens what a copy shows through {@link IdentityRelease}. Only signed internal calls
 * reach it ({@code InternalCallFilter}); logged by pseudonym and count, never by content.
 */
@Hidden
@RestController
class SubjectStream {

    private static final Logger log = LoggerFactory.getLogger(SubjectStream.class);

    /** One stored event of the youth, as the backbone publishes it. */
    record StoredFact(String id, String type, String source, OffsetDateTime time, Instant recordedTime,
                      long sequence, JsonNode data) {
    }

    /** The youth's stored events, in the stream's order; none for a youth the store holds nothing of. */
    record Stream(String subjectRef, List<StoredFact> facts) {
    }

    private final EventStorageEngine storage;
    private final Serializer serializer;
    private final ObjectMapper json = ContractJson.newMapper();

    SubjectStream(EventStorageEngine storage, @Qualifier("eventSerializer") Serializer serializer) {
        this.storage = storage;
        this.serializer = serializer;
    }

    @GetMapping("/internal/v1/subjects/{subjectRef}/stream")
    Stream stream(@PathVariable String subjectRef) throws IOException {
        if (!SubjectReference.isValid(subjectRef)) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "subjectRef", "not a subjectRef");
        }
        List<StoredFact> facts = new ArrayList<>();
        // From the first event, not from a snapshot: the copy is of what is stored, not of the aggregate's state.
        DomainEventStream stored = storage.readEvents(subjectRef, 0L);
        while (stored.hasNext()) {
            DomainEventMessage<?> message = stored.next();
            String type = EventCatalogue.byPayloadType(message.getPayloadType()).orElseThrow(
                    () -> new IllegalStateException("Event type not in the catalogue: " + message.getPayloadType()))
                    .name();
            Provenance provenance = Provenance.of(message.getMetaData());
            facts.add(new StoredFact(message.getIdentifier(), type, provenance.source(), provenance.occurredAt(),
                    message.getTimestamp(), message.getSequenceNumber(),
                    json.readTree(message.serializePayload(serializer, byte[].class).getData())));
        }
        log.info("Read {} stored events of {} for a copy of the youth's data", facts.size(), subjectRef);
        return new Stream(subjectRef, facts);
    }
}
