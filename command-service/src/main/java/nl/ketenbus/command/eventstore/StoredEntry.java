package nl.ketenbus.command.eventstore;

import java.time.Instant;

import org.axonframework.eventhandling.GenericDomainEventEntry;

/** A stored event as Axon reads it, with its time read once ({@link StoredTimestamps} says why). */
final class StoredEntry<T> extends GenericDomainEventEntry<T> {

    private final Instant timestamp;

    StoredEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                String timestamp, String payloadType, String payloadRevision, T payload, T metaData) {
        super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType, payloadRevision,
                payload, metaData);
        this.timestamp = StoredTimestamps.parse(timestamp);
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }
}
