package nl.ketenbus.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which events were applied: the guard against applying a re-published copy twice. */
@Repository
class ProjectionLedger {

    private final JdbcTemplate jdbc;

    ProjectionLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the event applied; false when it already was (a re-published copy). */
    boolean markApplied(String eventId) {
        return jdbc.update("insert into applied_event (event_id) values (?) on conflict do nothing", eventId) == 1;
    }
}
