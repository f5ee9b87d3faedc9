package nl.ketenbus.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * A load sees the events its unit of work and the units around it have staged, in Axon's order:
 * the outer unit's first, a committing nested unit's once (they are staged in both), a rolled-back
 * unit's not at all, another aggregate's never. The same scenario runs on Axon's own store, whose
 * answers this store must give.
 */
class StagedEventsStoreTest {

    /** What the loads saw, one list each, as "youth:sequence" (and the last sequence number once). */
    private static List<List<String>> scenario(EmbeddedEventStore store) {
        List<List<String>> seen = new ArrayList<>();
        UnitOfWork<?> group = DefaultUnitOfWork.startAndGet(null);
        store.publish(event("a", 0), event("b", 0));
        inNested(() -> store.publish(event("a", 1), event("b", 1)), true);
        UnitOfWork<?> open = DefaultUnitOfWork.startAndGet(null);
        store.publish(event("a", 2));
        seen.add(load(store, "a"));
        seen.add(store.lastSequenceNumberFor("a").map(last -> "last:" + last).stream().toList());
        // By its commit phase the nested unit has handed its events to the outer one: staged in both.
        open.onCommit(unit -> seen.add(load(store, "a")));
        open.commit();
        inNested(() -> store.publish(event("a", 3)), false);
        seen.add(load(store, "a"));
        seen.add(load(store, "b"));
        // A rolled-back unit is still current while it cleans up, and its events no longer count.
        group.onCleanup(unit -> seen.add(load(store, "a")));
        group.rollback();
        return seen;
    }

    @Test
    void seesWhatAxonsOwnStoreSeesOfTheStagedEvents() {
        List<List<String>> axons = withStore(builder -> builder.build());
        List<List<String>> ours = withStore(StagedEventsStore::new);

        assertThat(ours).containsExactly(
                List.of("a:0", "a:1", "a:2"),
                List.of("last:2"),
                List.of("a:0", "a:1", "a:2"),
                List.of("a:0", "a:1", "a:2"),
                List.of("b:0", "b:1"),
                List.of());
        assertThat(ours).isEqualTo(axons);
    }

    private static List<List<String>> withStore(Function<EmbeddedEventStore.Builder, EmbeddedEventStore> make) {
        EmbeddedEventStore store = make.apply(EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine()));
        try {
            return scenario(store);
        } finally {
            store.shutDown();
        }
    }

    private static void inNested(Runnable work, boolean commit) {
        UnitOfWork<?> nested = DefaultUnitOfWork.startAndGet(null);
        work.run();
        if (commit) {
            nested.commit();
        } else {
            nested.rollback();
        }
    }

    private static List<String> load(EmbeddedEventStore store, String youth) {
        return store.readEvents(youth).asStream()
                .map(event -> event.getAggregateIdentifier() + ":" + event.getSequenceNumber()).toList();
    }

    private static DomainEventMessage<String> event(String youth, long sequence) {
        return new GenericDomainEventMessage<>("Subject", youth, sequence, youth + "-" + sequence);
    }
}
