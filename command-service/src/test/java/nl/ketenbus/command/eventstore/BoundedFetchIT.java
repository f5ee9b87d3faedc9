package nl.ketenbus.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.PartnerEvents;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store's producer reads at most {@code ketenbus.event-store.cached-events} events per read, and
 * the publisher's streams still get every event once, in order, across the reads' boundaries.
 */
class BoundedFetchIT extends CommandServiceIntegrationTest {

    private static final int EVENTS = 2_500;

    @Autowired
    EventStorageEngine engine;

    @Autowired
    EmbeddedEventStore store;

    @Autowired
    TransactionTemplate transaction;

    @Value("${ketenbus.event-store.cached-events}")
    int bound;

    @Test
    void aBlockingReadEndsAtTheBoundAndAReadThatDoesNotBlockReadsOn() {
        TrackingToken before = engine.createHeadToken();
        List<String> stored = append(EVENTS);

        assertThat(bound).isLessThan(EVENTS);
        try (Stream<? extends TrackedEventMessage<?>> blocking = engine.readEvents(before, true)) {
            assertThat(blocking.map(EventMessage::getIdentifier).toList()).containsExactlyElementsOf(
                    stored.subList(0, bound));
        }
        try (Stream<? extends TrackedEventMessage<?>> open = engine.readEvents(before, false)) {
            assertThat(open.map(EventMessage::getIdentifier).filter(stored::contains).toList())
                    .containsExactlyElementsOf(stored);
        }
    }

    @Test
    void aStreamThatFollowsTheStoreGetsEveryEventOnceInOrderAcrossTheBoundedReads() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(engine.createHeadToken())) {
            // Nothing new yet: the stream has read the store on its own and now follows the producer's cache.
            assertThat(stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();
            List<String> stored = append(EVENTS);

            List<String> received = new ArrayList<>();
            while (received.size() < EVENTS && stream.hasNextAvailable(30, TimeUnit.SECONDS)) {
                String id = stream.nextAvailable().getIdentifier();
                if (stored.contains(id)) {
                    received.add(id);
                }
            }
            assertThat(received).containsExactlyElementsOf(stored);
            assertThat(stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();
        }
    }

    /** Registers {@code count} youths in one transaction, as another node's commit would. */
    private List<String> append(int count) {
        List<EventMessage<?>> events = IntStream.range(0, count).<EventMessage<?>>mapToObj(i -> {
            String subject = PartnerEvents.newSubjectRef();
            return new GenericDomainEventMessage<>("Subject", subject, 0,
                    new SubjectRegistered(subject, null, null, null, null, null), MetaData.from(Map.of(
                    "partnerEventId", "bounded-" + i, "partnerSource", "urn:ketenbus:org:politie",
                    "occurredAt", Instant.now().toString())));
        }).toList();
        transaction.executeWithoutResult(status -> engine.appendEvents(events));
        return events.stream().map(EventMessage::getIdentifier).toList();
    }
}
