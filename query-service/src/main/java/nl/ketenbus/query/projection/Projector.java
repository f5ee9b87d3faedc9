package nl.ketenbus.query.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import nl.ketenbus.events.EventCatalogue;
import org.springframework.stereotype.Component;

/**
 * Applies events to every {@link Projection}, each event id at most once. Used by the consumer for
 * a batch and by a re-drive for one parked record; the caller holds the transaction. The fact that
 * a youth was erased makes every projection remove the youth; any later event of that youth (a
 * re-published copy) is dropped, and the youth's parked records are forgotten with it. The fact that
 * some of a youth's facts expired makes every projection remove those facts, forgets their parked
 * copies, and marks them applied: a copy of one that comes later (a re-publication) is a duplicate,
 * never shown again.
 * <p>
 * The other events go to the projections in runs ({@link Projection#applyAll}), so that a batch of
 * hundreds costs a few statements instead of a few per event; an erasure or an expiry ends a run,
 * so every projection sees the batch in its order.
 */
@Component
class Projector {

    private final List<Projection> projections;
    private final ProjectionLedger ledger;
    private final ErasedSubjects erasedSubjects;
    private final ParkedRecords parked;

    Projector(List<Projection> projections, ProjectionLedger ledger, ErasedSubjects erasedSubjects,
              ParkedRecords parked) {
        this.projections = projections;
        this.ledger = ledger;
        this.erasedSubjects = erasedSubjects;
        this.parked = parked;
    }

    /**
     * Applies the events in order; counts {@code applied}, {@code duplicate} (re-published copies),
     * {@code erased}, {@code expired} and {@code after-erasure} (dropped).
     */
    void apply(Collection<BackboneEvent> events, Map<String, Integer> counted) {
        Set<String> subjects = events.stream().map(BackboneEvent::subjectRef).collect(Collectors.toSet());
        projections.forEach(projection -> projection.beginBatch(subjects));
        Set<String> erased = erasedSubjects.among(subjects);
        Set<String> fresh = ledger.markApplied(events.stream().map(BackboneEvent::id).distinct().toList());
        List<BackboneEvent> run = new ArrayList<>();
        for (BackboneEvent event : events) {
            // remove: a second copy of the same id within the batch is a duplicate too.
            if (!fresh.remove(event.id())) {
                counted.merge("duplicate", 1, Integer::sum);
            } else if (event.type().equals(EventCatalogue.SUBJECT_ERASED)) {
                flush(run);
                projections.forEach(projection -> projection.erase(event.subjectRef()));
                parked.forget(event.subjectRef());
                erasedSubjects.record(event.subjectRef(), event.recordedAt().toInstant());
                erased.add(event.subjectRef());
                counted.merge("erased", 1, Integer::sum);
            } else if (erased.contains(event.subjectRef())) {
                counted.merge("after-erasure", 1, Integer::sum);
            } else if (event.type().equals(EventCatalogue.FACTS_EXPIRED)) {
                flush(run);
                List<String> expired = new ArrayList<>();
                event.data().path("eventIds").forEach(id -> expired.add(id.asText()));
                projections.forEach(projection -> projection.expire(event.subjectRef(), expired));
                parked.forgetExpired(event.subjectRef(), expired);
                ledger.markApplied(expired);
                counted.merge("expired", 1, Integer::sum);
            } else {
                run.add(event);
                counted.merge("applied", 1, Integer::sum);
            }
        }
        flush(run);
    }

    /** Whether any read model keeps something of the event that depends on its place in the youth's history. */
    boolean dependsOnOrder(BackboneEvent event) {
        return projections.stream().anyMatch(projection -> projection.dependsOnOrder(event));
    }

    private void flush(List<BackboneEvent> run) {
        if (!run.isEmpty()) {
            List<BackboneEvent> events = List.copyOf(run);
            projections.forEach(projection -> projection.applyAll(events));
            run.clear();
        }
    }
}
