package nl.ketenbus.command.subject;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.ketenbus.command.eventstore.StreamPrefetch;
import org.springframework.stereotype.Component;

/**
 * Locks an intake group's youths (ADR 0010) and plans the reading of those this node does not hold
 * as far as their streams go, so that the event store reads them ahead together instead of one by
 * one ({@link StreamPrefetch}). Which youths are cached is known only here; how long each stream is,
 * only once it is locked.
 */
@Component
public class SubjectLoads {

    private final SubjectStreams streams;
    private final RecentSubjectsCache cache;

    SubjectLoads(SubjectStreams streams, RecentSubjectsCache cache) {
        this.streams = streams;
        this.cache = cache;
    }

    /**
     * Locks the youths for the current transaction and plans the loads of the uncached ones, in this
     * order; returns the uncached ones, whose data keys are worth reading together: a loaded youth opens
     * its date of birth once (a cached one has it opened), and a youth without events yet may be
     * identified now and gets its first key without a query of its own.
     */
    public List<String> lockAndReadAhead(Collection<String> subjectRefs) {
        streams.lock(subjectRefs);
        Map<String, Long> uncached = new LinkedHashMap<>();
        for (String subjectRef : subjectRefs) {
            Long version = streams.lockAndReadVersion(subjectRef);
            if (!cache.holds(subjectRef, version)) {
                uncached.putIfAbsent(subjectRef, version);
            }
        }
        StreamPrefetch.plan(uncached);
        return List.copyOf(uncached.keySet());
    }
}
