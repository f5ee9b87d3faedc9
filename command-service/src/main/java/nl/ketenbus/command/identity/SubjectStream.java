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
import org.springframework.web.bind.annotation.RequestParam;
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

    /**
     * A page of the youth's stored events, in the stream's order; none for a youth the store holds nothing of.
     *
     * @param next the sequence number to ask for the next page from; null when this page is the last
     */
    record Stream(String subjectRef, List<StoredFact> facts, Long next) {
    }

    /** Events per page at most: a youth followed for years stays within the caller's time for one answer. */
    static final int MOST_PER_PAGE = 500;

    private final EventStorageEngine storage;
    private final Serializer serializer;
    private final ObjectMapper json = ContractJson.newMapper();

    SubjectStream(EventStorageEngine storage, @Qualifier("eventSerializer") Serializer serializer) {
        this.storage = storage;
        this.serializer = serializer;
    }

    @GetMapping("/internal/v1/subjects/{subjectRef}/stream")
    Stream stream(@PathVariable String subjectRef, @RequestParam(defaultValue = "0") long from,
                  @RequestParam(defaultValue = "" + MOST_PER_PAGE) int limit) throws IOException {
        if (!SubjectReference.isValid(subjectRef) || from < 0 || limit < 1 || limit > MOST_PER_PAGE) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", null,
                    "a subjectRef, a sequence number from 0 and a limit of 1 to " + MOST_PER_PAGE + " are required");
        }
        List<StoredFact> facts = new ArrayList<>();
        // From the first event asked for, not from a snapshot: the copy is of what is stored, not of the
        // aggregate's state. A sequence number the store let go (ADR 0024) is passed over.
        DomainEventStream stored = storage.readEvents(subjectRef, from);
        while (stored.hasNext() && facts.size() < limit) {
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
        Long next = stored.hasNext() ? facts.get(facts.size() - 1).sequence() + 1 : null;
        return new Stream(subjectRef, facts, next);
    }
}
