package nl.ketenbus.query.audience;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The traces of the requests or records that brought facts to the backbone: what a read's access
 * record links to, so that one trace id leads from a partner's request to every read that showed
 * what it brought. The entries carry them from their view rows (V20); only an entry whose row does
 * not know its trace (written before V20, or by an older node during a rolling deployment) is looked
 * up in the stored history, which keeps them all.
 */
@Component
public class FactTraces {

    private final JdbcTemplate jdbc;

    FactTraces(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The trace id of each of these entries' facts that came with one, by event id: at most one query. */
    public Map<String, String> of(Collection<AudienceEntries.Entry> entries) {
        Map<String, String> traces = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (AudienceEntries.Entry entry : entries) {
            if (entry.traceId() == null) {
                unknown.add(entry.eventId());
            } else if (!entry.traceId().isEmpty()) {
                traces.put(entry.eventId(), entry.traceId());
            }
        }
        if (!unknown.isEmpty()) {
            jdbc.query("select event_id, substring(traceparent from 4 for 32) as trace_id from timeline_entry "
                    + "where event_id = any(?) and traceparent is not null", row -> {
                        traces.put(row.getString("event_id"), row.getString("trace_id"));
                    }, (Object) unknown.toArray(String[]::new));
        }
        return traces;
    }
}
