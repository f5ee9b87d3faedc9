package nl.ketenbus.query.audience;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The traces of the requests or records that brought facts to the backbone, as their stored
 * history keeps them: what a read's access record links to, so that one trace id leads from a
 * partner's request to every read that showed what it brought.
 */
@Component
public class FactTraces {

    private final JdbcTemplate jdbc;

    FactTraces(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The trace id of each of these facts that came with one, by event id: one query for a whole read. */
    public Map<String, String> of(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Map.of();
        }
        Map<String, String> traces = new HashMap<>();
        jdbc.query("select event_id, substring(traceparent from 4 for 32) as trace_id from timeline_entry "
                + "where event_id = any(?) and traceparent is not null", row -> {
                    traces.put(row.getString("event_id"), row.getString("trace_id"));
                }, (Object) eventIds.toArray(String[]::new));
        return traces;
    }
}
