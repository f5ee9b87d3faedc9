package nl.ketenbus.query.privacy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.query.commandside.CommandSide;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Who recorded what, beside who read what: the facts one user (or partner system) recorded, and
 * who recorded each fact about a youth, by the actor pseudonym the facts travel with. Never
 * content: the type, the category, the youth's pseudonym, the organisation, the times and the
 * trace of the request that brought it.
 */
@Component
class Acts {

    /** One recorded fact, as the privacy officer sees it. */
    record Act(Instant recordedAt, Instant occurredAt, String type, String category, String subjectRef,
               String organisation, String actor, String traceId) {
    }

    private static final int MAX = 5_000;
    private static final String COLUMNS = "select recorded_at, occurred_at, event_type, subject_ref, "
            + "source_organisation, actor, substring(traceparent from 4 for 32) as trace_id from timeline_entry ";
    private static final RowMapper<Act> ACT = (row, n) -> new Act(row.getTimestamp("recorded_at").toInstant(),
            row.getTimestamp("occurred_at").toInstant(), row.getString("event_type"),
            EventCatalogue.byName(row.getString("event_type")).map(EventType::category).map(Enum::name).orElse(null),
            row.getString("subject_ref"), row.getString("source_organisation"), row.getString("actor"),
            row.getString("trace_id"));

    private final JdbcTemplate jdbc;
    private final CommandSide commandSide;

    Acts(JdbcTemplate jdbc, CommandSide commandSide) {
        this.jdbc = jdbc;
        this.commandSide = commandSide;
    }

    /** The facts the user recorded in the period, newest first (at most 5,000). */
    List<Act> byUser(String userId, Instant from, Instant to) {
        String actor;
        try {
            actor = commandSide.call("POST", "/internal/v1/identity/actor",
                    JsonNodeFactory.instance.objectNode().put("userId", userId)).path("actor").asText();
        } catch (CommandSide.Unavailable unavailable) {
            throw new Refused(HttpStatus.SERVICE_UNAVAILABLE, "acts-unavailable",
                    "the command side, which knows the user's actor pseudonym, does not answer; try again");
        }
        return jdbc.query(COLUMNS + "where actor = ? and recorded_at >= ? and recorded_at < ? "
                + "order by recorded_at desc limit " + MAX, ACT, actor, Timestamp.from(from),
                Timestamp.from(to));
    }

    /** Every fact held about the youth with who recorded it, oldest first. */
    List<Act> bySubject(String subjectRef) {
        return jdbc.query(COLUMNS + "where subject_ref = ? order by recorded_at limit " + MAX, ACT, subjectRef);
    }
}
