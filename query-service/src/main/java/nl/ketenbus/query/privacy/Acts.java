package nl.ketenbus.query.privacy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.query.access.Overseen;
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

    /** The facts the user recorded in the period as an overseen organisation's, newest first (at most 5,000). */
    List<Act> byUser(String userId, Overseen overseen, Instant from, Instant to) {
        String actor;
        try {
            actor = commandSide.call("POST", "/internal/v1/identity/actor",
                    JsonNodeFactory.instance.objectNode().put("userId", userId)).path("actor").asText();
        } catch (CommandSide.Unavailable unavailable) {
            throw new Refused(HttpStatus.SERVICE_UNAVAILABLE, "acts-unavailable",
                    "the command side, which knows the user's actor pseudonym, does not answer; try again");
        }
        return jdbc.query(COLUMNS + "where actor = ? and recorded_at >= ? and recorded_at < ? " + only(overseen)
                + "order by recorded_at desc limit " + MAX, ACT, parameters(overseen, actor, Timestamp.from(from),
                Timestamp.from(to)));
    }

    /** Every fact an overseen organisation recorded about the youth, with who recorded it, oldest first. */
    List<Act> bySubject(String subjectRef, Overseen overseen) {
        return jdbc.query(COLUMNS + "where subject_ref = ? " + only(overseen) + "order by recorded_at limit " + MAX,
                ACT, parameters(overseen, subjectRef));
    }

    /** The condition that keeps the facts of the overseen organisations (ADR 0034), with its parameter last. */
    private static String only(Overseen overseen) {
        return overseen.everyone() ? "" : "and source_organisation = ? ";
    }

    private static Object[] parameters(Overseen overseen, Object... before) {
        List<Object> parameters = new ArrayList<>(List.of(before));
        if (!overseen.everyone()) {
            parameters.add(overseen.organisation());
        }
        return parameters.toArray();
    }
}
