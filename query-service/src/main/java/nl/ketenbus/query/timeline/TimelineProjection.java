package nl.ketenbus.query.timeline;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;

import nl.ketenbus.query.projection.BackboneEvent;
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

    private static final String INSERT = "insert into timeline_entry (event_id, subject_ref, event_type, source, "
            + "source_organisation, occurred_at, recorded_at, stream_sequence, data, actor, traceparent) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)";

    @Override
    public void apply(BackboneEvent event) {
        applyAll(List.of(event));
    }

    /** One batched statement for the run (the driver rewrites it into multi-row inserts). */
    @Override
    public void applyAll(List<BackboneEvent> events) {
        jdbc.batchUpdate(INSERT, events.stream().map(TimelineProjection::row).toList());
    }

    private static Object[] row(BackboneEvent event) {
        return new Object[] {event.id(), event.subjectRef(), event.type().name(), event.source(),
                event.organisation().code(), Timestamp.from(event.occurredAt().toInstant()),
                Timestamp.from(event.recordedAt().toInstant()), event.streamSequence(), event.data().toString(),
                event.actor(), event.traceparent()};
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
