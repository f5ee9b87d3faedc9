package nl.ketenbus.query.audience;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Grant;
import nl.ketenbus.query.projection.BackboneEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The role-filtered entries: written by the projection, read through the access point. */
@Repository
public class AudienceEntries {

    /** One entry as an audience sees it. */
    public record Entry(String eventId, String type, String category, String sourceOrganisation, Instant occurredAt,
                        Instant recordedAt, JsonNode data, List<String> redacted, String rule, String covenantId,
                        int covenantVersion) {
    }

    /** A page of one youth's entries for one audience, oldest first. */
    public record Page(long total, List<Entry> entries) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    AudienceEntries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One decided entry, ready to be written. A counted one (aggregate-only audience) carries no
     * redaction: none of its data is stored.
     */
    record Decided(int generation, Audience audience, BackboneEvent event, Redaction redaction, Grant grant) {

        boolean counted() {
            return redaction == null;
        }
    }

    void insertAll(List<Decided> decided) {
        List<Decided> shown = decided.stream().filter(entry -> !entry.counted()).toList();
        List<Decided> counted = decided.stream().filter(Decided::counted).toList();
        if (!shown.isEmpty()) {
            insertShown(shown);
        }
        if (!counted.isEmpty()) {
            insertCounted(counted);
        }
    }

    private void insertCounted(List<Decided> counted) {
        jdbc.batchUpdate("insert into aggregate_entry (generation, audience_organisation, audience_role, purpose, "
                + "event_id, subject_ref, event_type, data_category, source_organisation, occurred_at, rule_id, "
                + "covenant_id, covenant_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", counted, 1000,
                (insert, entry) -> {
                    BackboneEvent event = entry.event();
                    insert.setInt(1, entry.generation());
                    insert.setString(2, entry.audience().organisation().code());
                    insert.setString(3, entry.audience().role().name());
                    insert.setString(4, entry.audience().purpose());
                    insert.setString(5, event.id());
                    insert.setString(6, event.subjectRef());
                    insert.setString(7, event.type().name());
                    insert.setString(8, event.type().category().name());
                    insert.setString(9, event.organisation().code());
                    insert.setTimestamp(10, Timestamp.from(event.occurredAt().toInstant()));
                    insert.setString(11, entry.grant().ruleId());
                    insert.setString(12, entry.grant().covenantId());
                    insert.setInt(13, entry.grant().covenantVersion());
                });
    }

    private void insertShown(List<Decided> decided) {
        jdbc.batchUpdate("insert into audience_entry (generation, audience_organisation, audience_role, purpose, "
                + "event_id, subject_ref, event_type, data_category, source_organisation, occurred_at, recorded_at, "
                + "stream_sequence, data, redacted, rule_id, covenant_id, covenant_version) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)", decided, 1000, (insert, entry) -> {
                    BackboneEvent event = entry.event();
                    insert.setInt(1, entry.generation());
                    insert.setString(2, entry.audience().organisation().code());
                    insert.setString(3, entry.audience().role().name());
                    insert.setString(4, entry.audience().purpose());
                    insert.setString(5, event.id());
                    insert.setString(6, event.subjectRef());
                    insert.setString(7, event.type().name());
                    insert.setString(8, event.type().category().name());
                    insert.setString(9, event.organisation().code());
                    insert.setTimestamp(10, Timestamp.from(event.occurredAt().toInstant()));
                    insert.setTimestamp(11, Timestamp.from(event.recordedAt().toInstant()));
                    insert.setObject(12, event.streamSequence());
                    insert.setString(13, entry.redaction().shown().toString());
                    insert.setArray(14, insert.getConnection().createArrayOf("text",
                            entry.redaction().redacted().toArray()));
                    insert.setString(15, entry.grant().ruleId());
                    insert.setString(16, entry.grant().covenantId());
                    insert.setInt(17, entry.grant().covenantVersion());
                });
    }

    void deleteSubjects(int generation, Collection<String> subjectRefs) {
        String[] subjects = subjectRefs.toArray(String[]::new);
        jdbc.update("delete from audience_entry where generation = ? and subject_ref = any(?::text[])", generation,
                (Object) subjects);
        jdbc.update("delete from aggregate_entry where generation = ? and subject_ref = any(?::text[])", generation,
                (Object) subjects);
    }

    /** Deletes up to {@code limit} entries (of each kind) of a retired generation; the number deleted. */
    int purge(int generation, int limit) {
        return jdbc.update("delete from audience_entry where ctid in "
                + "(select ctid from audience_entry where generation = ? limit ?)", generation, limit)
                + jdbc.update("delete from aggregate_entry where ctid in "
                + "(select ctid from aggregate_entry where generation = ? limit ?)", generation, limit);
    }

    /**
     * One page of what the audience sees of the youth, optionally only some data categories or
     * source organisations (empty filters mean all).
     */
    public Page page(int generation, Audience audience, String subjectRef, List<String> categories, List<String> sources, int page,
                     int size) {
        String where = "generation = ? and audience_organisation = ? and audience_role = ? and purpose = ? and subject_ref = ? "
                + "and (cardinality(?::text[]) = 0 or data_category = any(?::text[])) "
                + "and (cardinality(?::text[]) = 0 or source_organisation = any(?::text[]))";
        String[] categoryArray = categories.toArray(String[]::new);
        String[] sourceArray = sources.toArray(String[]::new);
        Object[] parameters = {generation, audience.organisation().code(), audience.role().name(), audience.purpose(), subjectRef,
                categoryArray, categoryArray, sourceArray, sourceArray};
        Long total = jdbc.queryForObject("select count(*) from audience_entry where " + where, Long.class, parameters);
        Object[] paged = Arrays.copyOf(parameters, parameters.length + 2);
        paged[parameters.length] = size;
        paged[parameters.length + 1] = (long) page * size;
        List<Entry> entries = jdbc.query("select * from audience_entry where " + where
                + " order by occurred_at, recorded_at, stream_sequence, event_id limit ? offset ?",
                (row, index) -> entry(row), paged);
        return new Page(total == null ? 0 : total, entries);
    }

    private Entry entry(ResultSet row) throws SQLException {
        Array redacted = row.getArray("redacted");
        try {
            return new Entry(row.getString("event_id"), row.getString("event_type"), row.getString("data_category"),
                    row.getString("source_organisation"), row.getTimestamp("occurred_at").toInstant(),
                    row.getTimestamp("recorded_at").toInstant(), json.readTree(row.getString("data")),
                    List.of((String[]) redacted.getArray()), row.getString("rule_id"), row.getString("covenant_id"),
                    row.getInt("covenant_version"));
        } catch (JsonProcessingException e) {
            throw new SQLException("audience_entry.data is not JSON", e);
        }
    }
}
