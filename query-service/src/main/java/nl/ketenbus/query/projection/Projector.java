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
 * re-published copy) is dropped. The fact that some of a youth's facts expired makes every
 * projection remove those facts.
 */
@Component
class Projector {

    private final List<Projection> projections;
    private final ProjectionLedger ledger;
    private final ErasedSubjects erasedSubjects;

    Projector(List<Projection> projections, ProjectionLedger ledger, ErasedSubjects erasedSubjects) {
        this.projections = projections;
        this.ledger = ledger;
        this.erasedSubjects = erasedSubjects;
    }

    /**
     * Applies the events in order; counts {@code applied}, {@code duplicate} (re-published copies),
     * {@code erased}, {@code expired} and {@code after-erasure} (dropped).
     */
    void apply(Collection<BackboneEvent> events, Map<String, Integer> counted) {
        Set<String> subjects = events.stream().map(BackboneEvent::subjectRef).collect(Collectors.toSet());
        projections.forEach(projection -> projection.beginBatch(subjects));
        Set<String> erased = erasedSubjects.among(subjects);
        for (BackboneEvent event : events) {
            if (!ledger.markApplied(event.id())) {
                counted.merge("duplicate", 1, Integer::sum);
            } else if (event.type().equals(EventCatalogue.SUBJECT_ERASED)) {
                projections.forEach(projection -> projection.erase(event.subjectRef()));
                erasedSubjects.record(event.subjectRef(), event.recordedAt().toInstant());
                erased.add(event.subjectRef());
                counted.merge("erased", 1, Integer::sum);
            } else if (erased.contains(event.subjectRef())) {
                counted.merge("after-erasure", 1, Integer::sum);
            } else if (event.type().equals(EventCatalogue.FACTS_EXPIRED)) {
                List<String> expired = new ArrayList<>();
                event.data().path("eventIds").forEach(id -> expired.add(id.asText()));
                projections.forEach(projection -> projection.expire(event.subjectRef(), expired));
                counted.merge("expired", 1, Integer::sum);
            } else {
                projections.forEach(projection -> projection.apply(event));
                counted.merge("applied", 1, Integer::sum);
            }
        }
    }
}
