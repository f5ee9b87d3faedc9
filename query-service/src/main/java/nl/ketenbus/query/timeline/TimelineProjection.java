package nl.ketenbus.query.timeline;

import java.util.Collection;
import java.util.List;

import nl.ketenbus.query.projection.BackboneEvent;
import nl.ketenbus.query.projection.CopyRows;
import nl.ketenbus.query.projection.Projection;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every backbone event, as published, in the youth's history: the source the role-filtered read model
 * is decided from (and decided again from when case membership changes). Never read by users directly.
 */
@Component
@Order(1)
class TimelineProjection implements Projection {

    private final JdbcTemplate jdbc;

    TimelineProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final String COLUMNS = "timeline_entry (event_id, subject_ref, event_type, source, "
            + "source_organisation, occurred_at, recorded_at, stream_sequence, data, actor, traceparent)";

    @Override
    public void apply(BackboneEvent event) {
        applyAll(List.of(event));
    }

    /**
     * One {@code COPY} for the run: the batched insert it replaced took 7.7 s of the 50.9 s of statement
     * time in a statement log of a catch-up (docs/benchmarks.md, issue 21).
     */
    @Override
    public void applyAll(List<BackboneEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        CopyRows rows = new CopyRows();
        for (BackboneEvent event : events) {
            rows.value(event.id()).value(event.subjectRef()).value(event.type().name()).value(event.source())
                    .value(event.organisation().code()).value(event.occurredAt().toInstant())
                    .value(event.recordedAt().toInstant()).value(event.streamSequence()).value(event.data())
                    .value(event.actor()).value(event.traceparent()).endRow();
        }
        rows.copyInto(jdbc, COLUMNS);
    }

    @Override
    public void expire(String subjectRef, Collection<String> eventIds) {
        jdbc.update("delete from timeline_entry where subject_ref = ? and event_id = any(?::text[])", subjectRef,
                (Object) eventIds.toArray(String[]::new));
    }

    @Override
    public void erase(String subjectRef) {
        jdbc.update("delete from timeline_entry where subject_ref = ?", subjectRef);
    }
}
