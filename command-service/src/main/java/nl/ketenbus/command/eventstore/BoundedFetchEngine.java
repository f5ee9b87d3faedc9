package nl.ketenbus.command.eventstore;

import java.util.stream.Stream;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC engine, except that a blocking read of the event stream ends after {@code fetchBound}
 * events. The only blocking reader is the embedded store's producer, which fills the cache the
 * publisher's threads read from; it starts its next read at once where this one ended.
 *
 * <p>Why: the producer keeps the newest node of the cache from before a read in a local variable for
 * as long as that read lasts, and every node it adds is linked from there, so trimming the cache
 * frees nothing during a read. A read lasts while each batch it fetches is full, i.e. as long as the
 * intake stores faster than the read fetches: in a 5-minute overload one read held 204,701 events
 * (every one with its serialized and deserialized form) and ran a 512 MB command node out of memory
 * (issue 21, docs/benchmarks.md). Bounded, a read holds at most {@code fetchBound} events beyond the
 * cache. Private streams (a thread behind the cache reading on its own) do not block and are not
 * bounded: they hold only what they have not yet handed on.
 */
class BoundedFetchEngine extends JdbcEventStorageEngine {

    private final int fetchBound;

    BoundedFetchEngine(Builder builder, int fetchBound) {
        super(builder);
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
}
