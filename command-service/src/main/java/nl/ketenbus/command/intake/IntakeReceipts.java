package nl.ketenbus.command.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The first outcome of every partner event, by its CloudEvents (source, id), which is unique
 * forever: a retry over any channel gets that outcome back and stores nothing new. An accepted
 * receipt is written in the same transaction as the event itself.
 */
@Repository
class IntakeReceipts {

    /** What happened to the first event with this source and id. */
    record Receipt(String source, String id, String subjectRef, boolean accepted, Instant receivedAt,
                   IntakeRefusal refusal) {
    }

    private final JdbcTemplate jdbc;

    IntakeReceipts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Receipt> find(String source, String id) {
        return jdbc.query("select subject_ref, outcome, status, problem_type, title, detail, received_at from intake_receipt "
                        + "where source = ? and event_id = ?", (row, index) -> {
                    boolean accepted = "ACCEPTED".equals(row.getString("outcome"));
                    IntakeRefusal refusal = accepted ? null : new IntakeRefusal(
                            HttpStatus.valueOf(row.getInt("status")), row.getString("problem_type"),
                            row.getString("title"), row.getString("detail"));
                    return new Receipt(source, id, row.getString("subject_ref"), accepted,
                            row.getTimestamp("received_at").toInstant(), refusal);
                }, source, id).stream().findFirst();
    }

    /** Records acceptance; false when an event with this source and id was already received. */
    boolean recordAccepted(PartnerEvent event, String channel, Instant at) {
        return jdbc.update("insert into intake_receipt (source, event_id, channel, event_type, subject_ref, outcome, "
                        + "status, received_at) values (?, ?, ?, ?, ?, 'ACCEPTED', 202, ?) on conflict do nothing",
                event.source(), event.id(), channel, event.type(), event.subjectRef(), Timestamp.from(at)) == 1;
    }

    /** Records a refusal, unless the event was received before (then that first outcome stands). */
    void recordRefused(PartnerEvent event, String channel, IntakeRefusal refusal, Instant at) {
        jdbc.update("insert into intake_receipt (source, event_id, channel, event_type, subject_ref, outcome, status, "
                        + "problem_type, title, detail, received_at) values (?, ?, ?, ?, ?, 'REFUSED', ?, ?, ?, ?, ?) "
                        + "on conflict do nothing",
                event.source(), event.id(), channel, event.type(), event.subjectRef(), refusal.status().value(),
                refusal.problem(), refusal.title(), refusal.detail(), Timestamp.from(at));
    }
}
