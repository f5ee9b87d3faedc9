package nl.ketenbus.query.projection;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which events were applied: the guard against applying a re-published copy twice. */
@Repository
class ProjectionLedger {

    private final JdbcTemplate jdbc;

    ProjectionLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Marks the events applied, in one statement for the whole batch; returns those that were not
     * applied before (the others are re-published copies).
     */
    Set<String> markApplied(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("insert into applied_event (event_id) select unnest(?::text[]) "
                + "on conflict do nothing returning event_id", String.class, (Object) eventIds.toArray(String[]::new)));
    }
}
