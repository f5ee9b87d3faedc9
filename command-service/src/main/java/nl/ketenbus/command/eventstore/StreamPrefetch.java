package nl.ketenbus.command.eventstore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.ketenbus.command.transaction.TransactionScoped;
import org.axonframework.eventhandling.DomainEventData;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The streams a transaction is about to load, read ahead together. Loading a youth Axon does not
 * hold in memory costs three round trips (its snapshot, its events, and an empty batch that ends
 * them); an intake group of a thousand facts about youths the node has not cached did that a
 * thousand times, one after the other, and in the import of a partner's history (most youths
 * uncached) loading took about half of the lanes' time in the command handling (docs/benchmarks.md,
 * issue 21). A group that has locked its youths ({@code SubjectStreams}) knows each stream's length
 * and which ones the cache cannot serve; it plans those here in the order it will load them, and the
 * engine reads a window of them at the first load, in one query for their events and one for their
 * snapshots.
 *
 * <p>What is read ahead is served once and then forgotten, and all of it with the transaction: it is
 * what the database held under the youths' locks, before this transaction appended anything (Axon
 * appends at its end), so it is what a load would have read. A youth loaded again in the same
 * transaction (its cache entry evicted by a refused command) is read from the database as before.
 * A stream planned as empty (no events when it was locked) needs no query at all.
 */
public final class StreamPrefetch {

    private static final Object RESOURCE = new Object();

    private StreamPrefetch() {
    }

    /**
     * Plans the loads of the current transaction: each youth with its last sequence number as locked
     * (null: no events), in the order the transaction will load them. Outside a transaction nothing is
     * planned, nor when there is nothing to plan (a group whose youths are all cached).
     */
    public static void plan(Map<String, Long> lastSequences) {
        if (!lastSequences.isEmpty() && TransactionSynchronizationManager.isSynchronizationActive()) {
            Map<Object, Plan> plans = TransactionScoped.map(RESOURCE);
            Plan plan = plans.computeIfAbsent(RESOURCE, key -> new Plan());
            lastSequences.forEach(plan.pending::putIfAbsent);
        }
    }

    /** The current transaction's plan, or null when it planned nothing (or there is no transaction). */
    static Plan current() {
        Map<Object, Plan> plans = TransactionScoped.find(RESOURCE);
        return plans == null ? null : plans.get(RESOURCE);
    }

    /** A stream read ahead: its events, and whether the youth has a snapshot (then Axon reads it itself). */
    record Fetched(List<DomainEventData<?>> events, boolean snapshot) {
    }

    /** How a window of youths is read: their events by youth, and the youths among them with a snapshot. */
    interface Reader {
        Map<String, List<DomainEventData<?>>> events(Collection<String> youths);

        Set<String> withSnapshots(Collection<String> youths);
    }

    /** One transaction's planned loads and what was read ahead for them. */
    static final class Plan {
        final LinkedHashMap<String, Long> pending = new LinkedHashMap<>();
        private final Map<String, Fetched> fetched = new HashMap<>();

        Plan() {
        }

        /**
         * The youth's stream as read ahead, reading it together with the planned youths after it (up to
         * {@code maxEvents} events in all, at least this youth) when it was not read yet; null when the
         * youth was not planned, or was served before.
         */
        Fetched fetch(String youth, int maxEvents, Reader reader) {
            Fetched known = fetched.get(youth);
            if (known != null || !pending.containsKey(youth)) {
                return known;
            }
            List<String> window = window(youth, maxEvents);
            List<String> withEvents = window.stream().filter(planned -> pending.get(planned) != null).toList();
            Map<String, List<DomainEventData<?>>> events = withEvents.isEmpty() ? Map.of() : reader.events(withEvents);
            Set<String> snapshots = withEvents.isEmpty() ? Set.of() : new HashSet<>(reader.withSnapshots(withEvents));
            for (String planned : window) {
                pending.remove(planned);
                fetched.put(planned, new Fetched(events.getOrDefault(planned, List.of()), snapshots.contains(planned)));
            }
            return fetched.get(youth);
        }

        /** The youth's events as read ahead, taken: a second load reads the database. */
        List<DomainEventData<?>> take(String youth) {
            Fetched taken = fetched.remove(youth);
            return taken == null ? null : taken.events();
        }

        /** The youth and the pending youths after it, while their events fit in {@code maxEvents}. */
        private List<String> window(String youth, int maxEvents) {
            List<String> window = new ArrayList<>();
            window.add(youth);
            long events = lengthOf(pending.get(youth));
            boolean after = false;
            for (Map.Entry<String, Long> planned : pending.entrySet()) {
                long length = lengthOf(planned.getValue());
                if (after && events + length <= maxEvents) {
                    window.add(planned.getKey());
                    events += length;
                }
                after |= planned.getKey().equals(youth);
            }
            return window;
        }

        private static long lengthOf(Long lastSequence) {
            return lastSequence == null ? 0 : lastSequence + 1;
        }
    }
}
