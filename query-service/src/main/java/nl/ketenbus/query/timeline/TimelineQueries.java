package nl.ketenbus.query.timeline;

import java.sql.ResultSet;
import java.sql.SQLException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads timelines: chronological by the partner's time, ties broken by recording order. */
@Repository
class TimelineQueries {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    TimelineQueries(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    TimelinePage page(String subjectRef, int page, int size) {
        Long total = jdbc.queryForObject("select count(*) from timeline_entry where subject_ref = ?", Long.class,
                subjectRef);
        var entries = jdbc.query("select event_id, event_type, source_organisation, occurred_at, recorded_at, data "
                        + "from timeline_entry where subject_ref = ? "
                        + "order by occurred_at, recorded_at, stream_sequence, event_id limit ? offset ?",
                (row, index) -> entry(row), subjectRef, size, (long) page * size);
        return new TimelinePage(subjectRef, page, size, total == null ? 0 : total, entries);
    }

    private TimelineEntry entry(ResultSet row) throws SQLException {
        try {
            return new TimelineEntry(row.getString("event_id"), row.getString("event_type"),
                    row.getString("source_organisation"), row.getTimestamp("occurred_at").toInstant(),
                    row.getTimestamp("recorded_at").toInstant(), json.readTree(row.getString("data")));
        } catch (JsonProcessingException e) {
            throw new SQLException("timeline_entry.data is not JSON", e);
        }
    }
}
