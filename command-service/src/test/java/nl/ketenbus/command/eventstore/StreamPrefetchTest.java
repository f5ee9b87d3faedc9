package nl.ketenbus.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.junit.jupiter.api.Test;

/**
 * How a transaction's planned loads are read ahead: in windows that hold the asked youth and the
 * planned youths after it up to the bound, served once each; empty streams and unplanned youths need
 * no read. The windows' queries are {@link TrackedReadsEngine}'s, checked on PostgreSQL by
 * {@code ReadAheadIT}; here a reader over a map stands in for them, recording what it was asked.
 */
class StreamPrefetchTest {

    private final Map<String, Integer> stored = new HashMap<>();
    private final List<List<String>> windowsRead = new ArrayList<>();
    private final List<List<String>> snapshotsAsked = new ArrayList<>();
    private final StreamPrefetch.Reader reader = new StreamPrefetch.Reader() {
        @Override
        public Map<String, List<DomainEventData<?>>> events(Collection<String> youths) {
            windowsRead.add(List.copyOf(youths));
            Map<String, List<DomainEventData<?>>> events = new HashMap<>();
            for (String youth : youths) {
                List<DomainEventData<?>> stream = new ArrayList<>();
                for (int sequence = 0; sequence < stored.get(youth); sequence++) {
                    stream.add(new GenericDomainEventEntry<>("Subject", youth, sequence, youth + "-" + sequence,
                            "2026-12-03T00:00:00Z", "probe", null, new byte[0], new byte[0]));
                }
                events.put(youth, stream);
            }
            return events;
        }

        @Override
        public Set<String> withSnapshots(Collection<String> youths) {
            snapshotsAsked.add(List.copyOf(youths));
            return youths.contains("snapshotted") ? Set.of("snapshotted") : Set.of();
        }
    };

    @Test
    void readsTheAskedYouthWithThePlannedOnesAfterItUpToTheBound() {
        StreamPrefetch.Plan plan = planned("a", 3, "b", 4, "c", 2, "d", 5);

        StreamPrefetch.Fetched b = plan.fetch("b", 7, reader);

        // b (4 events) and then c (2): d's 5 would pass the bound of 7; a lies before b.
        assertThat(windowsRead).containsExactly(List.of("b", "c"));
        assertThat(b.events()).extracting(DomainEventData::getSequenceNumber).containsExactly(0L, 1L, 2L, 3L);
        assertThat(plan.fetch("c", 7, reader).events()).hasSize(2);
        assertThat(windowsRead).as("c came with b's window").hasSize(1);
        assertThat(plan.fetch("a", 7, reader).events()).hasSize(3);
        assertThat(windowsRead).as("d would pass the bound").last().isEqualTo(List.of("a"));
    }

    @Test
    void readsAYouthLongerThanTheBoundAlone() {
        StreamPrefetch.Plan plan = planned("long", 50, "short", 1);

        assertThat(plan.fetch("long", 10, reader).events()).hasSize(50);
        assertThat(windowsRead).containsExactly(List.of("long"));
    }

    @Test
    void servesAStreamOnceAndThenLeavesItToTheDatabase() {
        StreamPrefetch.Plan plan = planned("a", 2);

        plan.fetch("a", 100, reader);
        assertThat(plan.take("a")).hasSize(2);

        assertThat(plan.take("a")).as("a second load reads the database").isNull();
        assertThat(plan.fetch("a", 100, reader)).isNull();
        assertThat(windowsRead).hasSize(1);
    }

    @Test
    void needsNoReadForAnEmptyStreamNorForAYouthNotPlanned() {
        StreamPrefetch.Plan plan = new StreamPrefetch.Plan();
        plan.pending.put("new", null);

        assertThat(plan.fetch("new", 100, reader).events()).isEmpty();
        assertThat(plan.fetch("elsewhere", 100, reader)).isNull();
        assertThat(windowsRead).isEmpty();
        assertThat(snapshotsAsked).isEmpty();
    }

    @Test
    void leavesAYouthWithASnapshotToAxon() {
        StreamPrefetch.Plan plan = planned("plain", 1, "snapshotted", 1);

        assertThat(plan.fetch("plain", 100, reader).snapshot()).isFalse();
        assertThat(plan.fetch("snapshotted", 100, reader).snapshot()).isTrue();
        assertThat(snapshotsAsked).containsExactly(List.of("plain", "snapshotted"));
    }

    /** A plan of youths with the given numbers of events, in this order. */
    private StreamPrefetch.Plan planned(Object... youthsAndLengths) {
        StreamPrefetch.Plan plan = new StreamPrefetch.Plan();
        Map<String, Long> lastSequences = new LinkedHashMap<>();
        for (int i = 0; i < youthsAndLengths.length; i += 2) {
            String youth = (String) youthsAndLengths[i];
            int length = (Integer) youthsAndLengths[i + 1];
            stored.put(youth, length);
            lastSequences.put(youth, length - 1L);
        }
        plan.pending.putAll(lastSequences);
        return plan;
    }
}
