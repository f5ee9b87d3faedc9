package nl.ketenbus.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.PartnerEvents;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine reads each row's time once and computes its token itself ({@link GapTracking}); over
 * the same rows it must give exactly what Axon's own engine gives: the same events, times and tokens,
 * with gaps left by transactions that rolled back, both while they are recent (kept, as another
 * transaction may still commit there) and behind an event older than the gap timeout (given up).
 * Unlike Axon's, it never reads past a position a running transaction holds ({@link SettledPositions}).
 */
class TrackedReadsIT extends CommandServiceIntegrationTest {

    @Autowired
    EventStorageEngine engine;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    ConnectionProvider connections;

    @Autowired
    TransactionManager transactions;

    @Autowired
    EventSchema schema;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    @Autowired
    org.axonframework.config.Configuration axon;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void givesAxonsEventsTimesAndTokensAcrossRecentAndTimedOutGaps() {
        TrackingToken before = engine.createHeadToken();
        Instant now = Instant.now();
        append(3, now);
        rolledBack(2, now);
        append(2, now);
        rolledBack(3, now);
        append(2, now.minus(Duration.ofMinutes(5)));
        rolledBack(1, now);
        append(2, now);

        JdbcEventStorageEngine axons = axonsEngine();
        List<Read> expected = read(axons, before);
        assertThat(expected).hasSize(9);
        assertThat(expected.get(3).gaps()).as("a recent gap is kept").isNotEmpty();
        assertThat(expected.get(6).gaps()).as("an old event gives gaps up").isEmpty();
        // The positions rolled back are read past once settled: at once, unless another transaction
        // of the running service happens to be writing.
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(read(engine, before)).containsExactlyElementsOf(expected));
        // From a token that carries gaps, and from no token at all (every earlier position a gap or not).
        GapAwareTrackingToken withGaps = GapAwareTrackingToken.newInstance(expected.get(4).index(),
                expected.get(4).gaps());
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(read(engine, withGaps))
                        .containsExactlyElementsOf(read(axons, withGaps)));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(read(engine, null)).containsExactlyElementsOf(read(axons, null)));
    }

    /**
     * A transaction that has taken a position and not committed (a node paused between writing and
     * committing) holds up every read at that position, however many later events wait and however old
     * they are, and its event is read once it commits. Axon's reader gives such a position up behind an
     * event older than its gap timeout (or 10,000 positions on) and never reads the event committed there.
     */
    @Test
    void aReadWaitsForATransactionThatHoldsAnEarlierPositionAndReadsItsEventOnceCommitted() throws Exception {
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofMinutes(5));
        // From an event of this test: positions earlier tests' rolled-back transactions took after the
        // store's head would be settled gaps before the first event appended here.
        append(1, now);
        TrackingToken before = engine.createHeadToken();
        EventMessage<?> late = events(1, old).get(0);
        try (HeldWriter writer = new HeldWriter(late, null)) {
            assertThat(writersLocks()).as("the writer holds the writers' lock (V20's trigger)").isPositive();
            append(2, old);

            JdbcEventStorageEngine axons = axonsEngine();
            List<Read> axonsRead = read(axons, before);
            assertThat(axonsRead).as("Axon's reader reads past the position").hasSize(2);
            assertThat(axonsRead.get(1).gaps()).as("and gives it up behind events older than its timeout")
                    .isEmpty();

            assertThat(readBlocking(before)).as("the store's producer stops before it").isEmpty();
            assertThat(read(engine, before)).as("a read that does not block too").isEmpty();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(read(engine, before)).isEmpty();
                assertThat(meters.get("ketenbus.event-store.gap-wait").gauge().value()).isPositive();
            });

            writer.release().get(20, TimeUnit.SECONDS);
            GapAwareTrackingToken axonsLast = GapAwareTrackingToken.newInstance(axonsRead.get(1).index(),
                    axonsRead.get(1).gaps());
            assertThat(read(axons, axonsLast)).as("Axon's tokens never read the late event")
                    .extracting(Read::id).doesNotContain(late.getIdentifier());
            List<String> inOrder = List.of(late.getIdentifier(), axonsRead.get(0).id(), axonsRead.get(1).id());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(read(engine, before))
                    .extracting(Read::id).startsWith(inOrder.toArray(String[]::new)));
            assertThat(readBlocking(before)).extracting(Read::id).startsWith(inOrder.toArray(String[]::new));
        }
    }

    /**
     * A writing transaction left idle (a node paused between writing and committing, a tool's session
     * left open) does not hold up publication for ever: PostgreSQL ends its session once it has sat idle
     * for {@code ketenbus.event_writer_idle_timeout} (V22; one second here, 30 s by default), it rolls
     * back, and the reads go on past its position.
     */
    @Test
    void aWritingTransactionLeftIdleIsEndedAndTheReadsGoOn() throws Exception {
        Instant now = Instant.now();
        append(1, now);
        TrackingToken before = engine.createHeadToken();
        EventMessage<?> stuck = events(1, now).get(0);
        try (HeldWriter writer = new HeldWriter(stuck, "set local ketenbus.event_writer_idle_timeout = '1s'")) {
            List<EventMessage<?>> later = events(2, now);
            transaction.executeWithoutResult(status -> engine.appendEvents(later));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(read(engine, before))
                    .extracting(Read::id).containsExactly(later.get(0).getIdentifier(), later.get(1).getIdentifier()));
            Future<?> holding = writer.release();
            assertThatThrownBy(() -> holding.get(20, TimeUnit.SECONDS)).as("its commit comes too late")
                    .isInstanceOf(ExecutionException.class);
            assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where event_identifier = ?",
                    Integer.class, stuck.getIdentifier())).as("rolled back").isZero();
        }
    }

    /** Without a setting of its own, a writing transaction may sit idle for 30 s (V22). */
    @Test
    void aWritingTransactionMaySitIdleForThirtySecondsByDefault() {
        String timeout = transaction.execute(status -> {
            engine.appendEvents(events(1, Instant.now()));
            return jdbc.queryForObject("show idle_in_transaction_session_timeout", String.class);
        });
        assertThat(timeout).isEqualTo("30s");
    }

    /** A position whose transaction rolled back is read past, by a blocking read too, and tracked as a gap. */
    @Test
    void aReadPassesAPositionItsTransactionGaveBack() {
        Instant now = Instant.now();
        append(1, now);
        TrackingToken before = engine.createHeadToken();
        append(3, now);
        rolledBack(2, now);
        append(2, now);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Read> read = readBlocking(before);
            assertThat(read).hasSizeGreaterThanOrEqualTo(5);
            assertThat(read.get(3).gaps()).as("the gap tracked").hasSize(2);
        });
    }

    /**
     * A transaction on a thread of its own that writes one event (after {@code firstStatement}, if any)
     * and then waits, holding its position, until released; closed, it is released and its thread ends.
     */
    private final class HeldWriter implements AutoCloseable {
        private final CountDownLatch written = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final Future<?> holding;

        HeldWriter(EventMessage<?> event, String firstStatement) throws InterruptedException {
            holding = thread.submit(() -> transaction.executeWithoutResult(status -> {
                if (firstStatement != null) {
                    jdbc.execute(firstStatement);
                }
                engine.appendEvents(event);
                written.countDown();
                awaitQuietly(release);
            }));
            assertThat(written.await(20, TimeUnit.SECONDS)).as("the event written").isTrue();
        }

        /** Lets the transaction end; its outcome. */
        Future<?> release() {
            release.countDown();
            return holding;
        }

        @Override
        public void close() {
            release.countDown();
            thread.shutdownNow();
        }
    }

    private int writersLocks() {
        return jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and classid = 27490"
                + " and objid = 19 and objsubid = 2", Integer.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JdbcEventStorageEngine axonsEngine() {
        return JdbcEventStorageEngine.builder().connectionProvider(connections)
                .transactionManager(transactions).eventSerializer(serializer).snapshotSerializer(serializer)
                .upcasterChain(axon.upcasterChain()).schema(schema).build();
    }

    private List<Read> readBlocking(TrackingToken from) {
        List<Read> reads = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(from, true)) {
            events.forEach(event -> {
                GapAwareTrackingToken token = (GapAwareTrackingToken) event.trackingToken();
                reads.add(new Read(event.getIdentifier(), event.getTimestamp(), token.getIndex(),
                        List.copyOf(token.getGaps()), null, -1, event.getPayloadType().getName()));
            });
        }
        return reads;
    }

    /** A youth's stream, as a command loads it, gives Axon's events and times, each time read once. */
    @Test
    void givesAxonsStreamOfAYouth() {
        String subject = PartnerEvents.newSubjectRef();
        Instant now = Instant.now();
        List<EventMessage<?>> stream = new ArrayList<>();
        for (int sequence = 0; sequence < 4; sequence++) {
            stream.add(registration(subject, sequence, now.minusMillis(1_000L * sequence + 7)));
        }
        transaction.executeWithoutResult(status -> engine.appendEvents(stream));

        List<Read> expected = stream(axonsEngine(), subject);

        assertThat(expected).hasSize(4);
        assertThat(expected.get(3).timestamp()).isEqualTo(now.minusMillis(3_007).truncatedTo(ChronoUnit.MILLIS));
        assertThat(stream(engine, subject)).containsExactlyElementsOf(expected);
        assertThat(stream(engine, subject).get(0)).as("read again, from the store").isEqualTo(expected.get(0));
    }

    private static List<Read> stream(EventStorageEngine engine, String subject) {
        List<Read> reads = new ArrayList<>();
        engine.readEvents(subject).asStream().forEach(event -> reads.add(new Read(event.getIdentifier(),
                event.getTimestamp(), -1, List.of(), event.getAggregateIdentifier(), event.getSequenceNumber(),
                event.getPayloadType().getName())));
        return reads;
    }

    /**
     * What a read gives, with the token's position and gaps themselves rather than the token: Axon's
     * tokens compare equal when their gaps differ only below where one of them gave gaps up.
     */
    private record Read(String id, Instant timestamp, long index, List<Long> gaps, String aggregate, long sequence,
                        String payloadType) {
    }

    private static List<Read> read(EventStorageEngine engine, TrackingToken from) {
        List<Read> reads = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(from, false)) {
            events.forEach(event -> {
                DomainEventMessage<?> domain = (DomainEventMessage<?>) event;
                GapAwareTrackingToken token = (GapAwareTrackingToken) event.trackingToken();
                reads.add(new Read(event.getIdentifier(), event.getTimestamp(), token.getIndex(),
                        List.copyOf(token.getGaps()), domain.getAggregateIdentifier(), domain.getSequenceNumber(),
                        event.getPayloadType().getName()));
            });
        }
        return reads;
    }

    private void append(int count, Instant at) {
        transaction.executeWithoutResult(status -> engine.appendEvents(events(count, at)));
    }

    /** Takes positions in the store and gives them back: the gaps a failed commit leaves. */
    private void rolledBack(int count, Instant at) {
        transaction.executeWithoutResult(status -> {
            engine.appendEvents(events(count, at));
            status.setRollbackOnly();
        });
    }

    /**
     * Registrations with the provenance every stored event has: this service's publisher, running
     * beside the test, publishes them, and one it cannot publish would hold up the tests after it.
     */
    private static List<EventMessage<?>> events(int count, Instant at) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(registration(PartnerEvents.newSubjectRef(), 0, at));
        }
        return events;
    }

    private static EventMessage<?> registration(String subject, long sequence, Instant at) {
        String id = UUID.randomUUID().toString();
        return new GenericDomainEventMessage<>("Subject", subject, sequence,
                new SubjectRegistered(subject, null, null, null, null, null), MetaData.from(Map.of(
                "partnerEventId", "tracked-" + id, "partnerSource", "urn:ketenbus:org:politie",
                "occurredAt", at.toString())), id, at);
    }
}
