package nl.ketenbus.command.eventstore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC engine with two changes to its tracked reads (the publisher's):
 *
 * <p>A blocking read of the event stream ends after {@code fetchBound} events. The only blocking
 * reader is the embedded store's producer, which fills the cache the publisher's threads read from;
 * it starts its next read at once where this one ended. Why: the producer keeps the newest node of
 * the cache from before a read in a local variable for as long as that read lasts, and every node it
 * adds is linked from there, so trimming the cache frees nothing during a read. A read lasts while
 * each batch it fetches is full, i.e. as long as the intake stores faster than the read fetches: in a
 * 5-minute overload one read held 204,701 events (every one with its serialized and deserialized
 * form) and ran a 512 MB command node out of memory (issue 21, docs/benchmarks.md). Bounded, a read
 * holds at most {@code fetchBound} events beyond the cache. Private streams (a thread behind the
 * cache reading on its own) do not block and are not bounded: they hold only what they have not yet
 * handed on.
 *
 * <p>Each row's time is read once ({@link StoredEntry}), and its token computed as Axon does
 * ({@link GapTracking}); Axon's engine parsed the time again for every question about it.
 */
class TrackedReadsEngine extends JdbcEventStorageEngine {

    private final int fetchBound;

    TrackedReadsEngine(Builder builder, int fetchBound) {
        super(builder.lowestGlobalSequence(GapTracking.LOWEST_GLOBAL_SEQUENCE)
                .maxGapOffset(GapTracking.MAX_GAP_OFFSET).gapTimeout(GapTracking.GAP_TIMEOUT_MILLIS));
        if (fetchBound < 1) {
            throw new IllegalArgumentException("fetchBound must be positive: " + fetchBound);
        }
        this.fetchBound = fetchBound;
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        Stream<? extends TrackedEventMessage<?>> events = super.readEvents(trackingToken, mayBlock);
        return mayBlock ? events.limit(fetchBound) : events;
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet row, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long globalSequence = row.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = row.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = row.getString(schema.eventIdentifierColumn());
        // As Axon 4.13: an event stored without an aggregate carries its own id in that column.
        StoredEntry<Object> entry = new StoredEntry<>(row.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                row.getLong(schema.sequenceNumberColumn()), eventIdentifier,
                row.getString(schema.timestampColumn()), row.getString(schema.payloadTypeColumn()),
                row.getString(schema.payloadRevisionColumn()), readPayload(row, schema.payloadColumn()),
                readPayload(row, schema.metaDataColumn()));
        return new TrackedDomainEventData<>(GapTracking.next(previousToken, globalSequence, entry.getTimestamp()),
                entry);
    }
}
