package nl.ketenbus.command.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
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
 * <p>Every read of the event stream ends each batch before an empty position that is not yet settled:
 * a position a transaction may still commit an event to ({@link UnsettledGaps}, {@link SettledPositions}).
 *
 * <p>Each row's time is read once ({@link StoredEntry}), and its token computed as Axon does
 * ({@link GapTracking}); Axon's engine parsed the time again for every question about it.
 *
 * <p>A youth's stream that its transaction planned ({@link StreamPrefetch}) is served from what was
 * read ahead for it, at most {@code prefetchBound} events in one window. The counter
 * {@code ketenbus.event-store.stream-reads} says how many loads were served so ({@code way=read-ahead})
 * and how many read their stream with queries of their own ({@code way=own-queries}).
 */
class TrackedReadsEngine extends JdbcEventStorageEngine {

    private final int fetchBound;
    private final int prefetchBound;
    private final SettledPositions settledPositions;
    private final StreamPrefetch.Reader reader = new WindowReader();
    private final Counter readAhead;
    private final Counter ownQueries;

    TrackedReadsEngine(Builder builder, int fetchBound, int prefetchBound, TransactionManager transactions,
                       Duration gapAskInterval, MeterRegistry meters) {
        super(builder.lowestGlobalSequence(GapTracking.LOWEST_GLOBAL_SEQUENCE)
                .maxGapOffset(GapTracking.MAX_GAP_OFFSET).gapTimeout(GapTracking.GAP_TIMEOUT_MILLIS));
        if (fetchBound < 1) {
            throw new IllegalArgumentException("fetchBound must be positive: " + fetchBound);
        }
        if (prefetchBound < 1) {
            throw new IllegalArgumentException("prefetchBound must be positive: " + prefetchBound);
        }
        this.fetchBound = fetchBound;
        this.prefetchBound = prefetchBound;
        this.settledPositions = new SettledPositions(new StoreWriters(transactions), gapAskInterval,
                Duration.ofSeconds(10), System::nanoTime);
        Gauge.builder("ketenbus.event-store.gap-wait", settledPositions, SettledPositions::waitingSeconds)
                .baseUnit("seconds").description("How long the store's reader has waited for transactions that "
                        + "took positions before the events it has read and have not ended").register(meters);
        this.readAhead = streamReads(meters, "read-ahead");
        this.ownQueries = streamReads(meters, "own-queries");
    }

    private static Counter streamReads(MeterRegistry meters, String way) {
        return Counter.builder("ketenbus.event-store.stream-reads").tag("way", way)
                .description("Youths' streams loaded for a command, by how they were read").register(meters);
    }

    /** Axon asks for the snapshot first: a planned youth's window is read then. */
    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        StreamPrefetch.Plan plan = StreamPrefetch.current();
        StreamPrefetch.Fetched fetched = plan == null ? null : plan.fetch(aggregateIdentifier, prefetchBound, reader);
        return fetched == null || fetched.snapshot() ? super.readSnapshotData(aggregateIdentifier) : Stream.empty();
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String identifier, long firstSequenceNumber) {
        StreamPrefetch.Plan plan = StreamPrefetch.current();
        List<DomainEventData<?>> events = plan == null ? null : plan.take(identifier);
        if (events == null) {
            ownQueries.increment();
            return super.readEventData(identifier, firstSequenceNumber);
        }
        readAhead.increment();
        return events.stream().filter(event -> event.getSequenceNumber() >= firstSequenceNumber);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        Stream<? extends TrackedEventMessage<?>> events = super.readEvents(trackingToken, mayBlock);
        return mayBlock ? events.limit(fetchBound) : events;
    }

    /**
     * A read fetches batch after batch as Axon's does, until one comes back empty, but ends each batch
     * before an empty position not yet settled ({@link UnsettledGaps}); the store's producer reads again
     * when this node commits, or after the fetch delay. Reads that do not block (a publisher's thread
     * behind the store's cache) stop there too: they would give such a position up as the producer's did.
     */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return StreamSupport.stream(new Spliterators.AbstractSpliterator<TrackedEventData<?>>(Long.MAX_VALUE,
                Spliterator.NONNULL | Spliterator.ORDERED) {
            private TrackingToken last = trackingToken;
            private List<? extends TrackedEventData<?>> batch;
            private int next;

            @Override
            public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
                if (batch == null || next == batch.size()) {
                    batch = settledBatch(last);
                    next = 0;
                    if (batch.isEmpty()) {
                        return false;
                    }
                }
                TrackedEventData<?> event = batch.get(next++);
                last = event.trackingToken();
                action.accept(event);
                return true;
            }
        }, false);
    }

    /**
     * The next batch up to the first unsettled gap. When reads have stopped there a while, the writers
     * are observed; if none was writing, the gap is settled at once and the batch is read again, past it.
     */
    private List<? extends TrackedEventData<?>> settledBatch(TrackingToken from) {
        while (true) {
            long settled = settledPositions.settled();
            List<? extends TrackedEventData<?>> fetched = fetchTrackedEvents(from, batchSize());
            List<? extends TrackedEventData<?>> before = UnsettledGaps.before(from, fetched, settled);
            if (before.size() == fetched.size()) {
                return before;
            }
            long reached = before.isEmpty() ? UnsettledGaps.index(from)
                    : UnsettledGaps.index(before.get(before.size() - 1).trackingToken());
            boolean settledNow = settledPositions.stoppedAtGap(reached + 1);
            if (!before.isEmpty() || !settledNow) {
                return before;
            }
        }
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

    /**
     * A youth's event as Axon's engine reads it, with its time read once and without a formatter
     * ({@link StoredEntry}): a youth read from the store parsed every event's time through
     * {@code ISO_OFFSET_DATE_TIME} (issue 21, docs/benchmarks.md).
     */
    @Override
    protected DomainEventData<?> getDomainEventData(ResultSet row) throws SQLException {
        EventSchema schema = schema();
        return new StoredEntry<>(row.getString(schema.typeColumn()), row.getString(schema.aggregateIdentifierColumn()),
                row.getLong(schema.sequenceNumberColumn()), row.getString(schema.eventIdentifierColumn()),
                row.getString(schema.timestampColumn()), row.getString(schema.payloadTypeColumn()),
                row.getString(schema.payloadRevisionColumn()), readPayload(row, schema.payloadColumn()),
                readPayload(row, schema.metaDataColumn()));
    }

    /**
     * The store's writers as PostgreSQL knows them: the holders of the lock every transaction that
     * writes to the store takes (Flyway V20). The highest position is read in the same statement,
     * from the snapshot it starts with, before the lock table is read.
     */
    private final class StoreWriters implements SettledPositions.Writers {

        private static final String HOLDERS = "select virtualtransaction, pid from pg_locks where locktype = 'advisory'"
                + " and classid = 27490 and objid = 19 and objsubid = 2"
                + " and database = (select oid from pg_database where datname = current_database())";

        private final TransactionManager transactions;

        private StoreWriters(TransactionManager transactions) {
            this.transactions = transactions;
        }

        @Override
        public SettledPositions.Observation observe() {
            String sql = "select (select coalesce(max(" + schema().globalIndexColumn() + "), 0) from "
                    + schema().domainEventTable() + "), holders.virtualtransaction, holders.pid from (select 1) one"
                    + " left join (" + HOLDERS + ") holders on true";
            return transactions.fetchInTransaction(() -> JdbcUtils.executeQuery(getConnection(),
                    connection -> connection.prepareStatement(sql), rows -> {
                        long highest = 0;
                        Map<String, Integer> writers = new HashMap<>();
                        while (rows.next()) {
                            highest = rows.getLong(1);
                            if (rows.getString(2) != null) {
                                writers.put(rows.getString(2), rows.getInt(3));
                            }
                        }
                        return new SettledPositions.Observation(highest, writers);
                    }, e -> new EventStoreException("Failed to observe the event store's writers", e)));
        }

        @Override
        public Map<String, Integer> stillWriting(Set<String> writing) {
            String sql = HOLDERS + " and virtualtransaction = any(?)";
            return transactions.fetchInTransaction(() -> JdbcUtils.executeQuery(getConnection(), connection -> {
                PreparedStatement statement = connection.prepareStatement(sql);
                statement.setArray(1, connection.createArrayOf("text", writing.toArray()));
                return statement;
            }, rows -> {
                Map<String, Integer> still = new HashMap<>();
                while (rows.next()) {
                    still.put(rows.getString(1), rows.getInt(2));
                }
                return still;
            }, e -> new EventStoreException("Failed to ask about the event store's writers", e)));
        }
    }

    /** A window's events in one query and its snapshots in another, on the transaction's connection. */
    private final class WindowReader implements StreamPrefetch.Reader {

        @Override
        public Map<String, List<DomainEventData<?>>> events(Collection<String> youths) {
            EventSchema schema = schema();
            String sql = "select " + schema.trackedEventFields() + " from " + schema.domainEventTable()
                    + " where " + schema.aggregateIdentifierColumn() + " = any(?) order by "
                    + schema.aggregateIdentifierColumn() + ", " + schema.sequenceNumberColumn();
            List<DomainEventData<?>> rows = JdbcUtils.executeQuery(getConnection(),
                    connection -> withYouths(connection, sql, youths),
                    JdbcUtils.listResults(TrackedReadsEngine.this::getDomainEventData),
                    e -> new EventStoreException("Failed to read ahead the events of " + youths.size() + " youths", e));
            Map<String, List<DomainEventData<?>>> byYouth = new HashMap<>();
            rows.forEach(row -> byYouth.computeIfAbsent(row.getAggregateIdentifier(), youth -> new ArrayList<>())
                    .add(row));
            return byYouth;
        }

        @Override
        public Set<String> withSnapshots(Collection<String> youths) {
            EventSchema schema = schema();
            String sql = "select distinct " + schema.aggregateIdentifierColumn() + " from " + schema.snapshotTable()
                    + " where " + schema.aggregateIdentifierColumn() + " = any(?)";
            return new HashSet<>(JdbcUtils.executeQuery(getConnection(), connection -> withYouths(connection, sql,
                    youths), JdbcUtils.listResults(row -> row.getString(1)), e -> new EventStoreException(
                    "Failed to look for snapshots of " + youths.size() + " youths", e)));
        }

        private static PreparedStatement withYouths(Connection connection, String sql, Collection<String> youths)
                throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setArray(1, connection.createArrayOf("varchar", youths.toArray()));
            return statement;
        }
    }
}
