package nl.ketenbus.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine reads each row's time once and computes its token itself ({@link GapTracking}); over
 * the same rows it must give exactly what Axon's own engine gives: the same events, times and tokens,
 * with gaps left by transactions that rolled back, both while they are recent (kept, as another
 * transaction may still commit there) and behind an event older than the gap timeout (given up).
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

        JdbcEventStorageEngine axons = JdbcEventStorageEngine.builder().connectionProvider(connections)
                .transactionManager(transactions).eventSerializer(serializer).snapshotSerializer(serializer)
                .upcasterChain(axon.upcasterChain()).schema(schema).build();
        List<Read> expected = read(axons, before);
        assertThat(expected).hasSize(9);
        assertThat(expected.get(3).gaps()).as("a recent gap is kept").isNotEmpty();
        assertThat(expected.get(6).gaps()).as("an old event gives gaps up").isEmpty();
        assertThat(read(engine, before)).containsExactlyElementsOf(expected);
        // From a token that carries gaps, and from no token at all (every earlier position a gap or not).
        GapAwareTrackingToken withGaps = GapAwareTrackingToken.newInstance(expected.get(4).index(),
                expected.get(4).gaps());
        assertThat(read(engine, withGaps)).containsExactlyElementsOf(read(axons, withGaps));
        assertThat(read(engine, null)).containsExactlyElementsOf(read(axons, null));
    }

    /**
     * The store's producer (a blocking read) stops before a gap while the events after it are young, and
     * reads past it, tracking it as Axon does, once they are older than the wait (2 s).
     */
    @Test
    void aBlockingReadStopsBeforeAYoungGap() {
        Instant now = Instant.now();
        // From an event of this test: positions earlier tests' rolled-back transactions took after the
        // store's head (as here) would be a young gap before the first event appended here.
        rolledBack(1, now);
        append(1, now);
        TrackingToken before = engine.createHeadToken();
        append(3, now);
        rolledBack(2, now);
        append(2, now);

        assertThat(readBlocking(before)).as("the three before the gap").hasSize(3);
        assertThat(read(engine, before)).as("a read that does not block: as Axon's").hasSize(5);

        TrackingToken later = engine.createHeadToken();
        Instant old = now.minus(Duration.ofSeconds(30));
        append(1, old);
        rolledBack(2, old);
        append(2, old);
        List<Read> pastOldGap = readBlocking(later);
        assertThat(pastOldGap).as("past a gap whose later events are older than the wait").hasSize(3);
        assertThat(pastOldGap.get(1).gaps()).as("the gap tracked").hasSize(2);
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

        JdbcEventStorageEngine axons = JdbcEventStorageEngine.builder().connectionProvider(connections)
                .transactionManager(transactions).eventSerializer(serializer).snapshotSerializer(serializer)
                .upcasterChain(axon.upcasterChain()).schema(schema).build();
        List<Read> expected = stream(axons, subject);

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
