package nl.ketenbus.query.projection;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * Applies events to every {@link Projection}, each event id at most once. Used by the consumer for
 * a batch and by a re-drive for one parked record; the caller holds the transaction.
 */
@Component
class Projector {

    private final List<Projection> projections;
    private final ProjectionLedger ledger;

    Projector(List<Projection> projections, ProjectionLedger ledger) {
        this.projections = projections;
        this.ledger = ledger;
    }

    /** Applies the events in order; counts {@code applied} and {@code duplicate} (re-published copies). */
    void apply(Collection<BackboneEvent> events, Map<String, Integer> counted) {
        Set<String> subjects = events.stream().map(BackboneEvent::subjectRef).collect(Collectors.toSet());
        projections.forEach(projection -> projection.beginBatch(subjects));
        for (BackboneEvent event : events) {
            if (ledger.markApplied(event.id())) {
                projections.forEach(projection -> projection.apply(event));
                counted.merge("applied", 1, Integer::sum);
            } else {
                counted.merge("duplicate", 1, Integer::sum);
            }
        }
    }
}
