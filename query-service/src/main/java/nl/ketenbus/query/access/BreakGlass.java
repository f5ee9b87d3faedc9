package nl.ketenbus.query.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.ketenbus.covenant.Audience;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Break-glass grants: a user opens one youth's timeline beyond need-to-know for one purpose, with a
 * reason, for a limited time ({@code ketenbus.audit.break-glass-duration}, default 30 minutes).
 * Every grant stays on the privacy officer's review list until reviewed.
 */
@Repository
public class BreakGlass {

    /** One grant, as the privacy officer reviews it. */
    public record Grant(UUID id, String userId, String organisation, String role, String purpose, String subjectRef,
                        String reason, Instant openedAt, Instant expiresAt, Instant reviewedAt, String reviewedBy,
                        String reviewNote) {
    }

    private final JdbcTemplate jdbc;
    private final Duration duration;

    BreakGlass(JdbcTemplate jdbc, @Value("${ketenbus.audit.break-glass-duration:PT30M}") Duration duration) {
        this.jdbc = jdbc;
        this.duration = duration;
    }

    Grant open(String userId, Audience audience, String subjectRef, String reason) {
        Instant now = Instant.now();
        UUID id = UUID.randomUUID();
        jdbc.update("insert into break_glass (id, user_id, organisation, user_role, purpose, subject_ref, reason, "
                        + "opened_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, userId,
                audience.organisation().code(), audience.role().name(), audience.purpose(), subjectRef, reason,
                Timestamp.from(now), Timestamp.from(now.plus(duration)));
        return find(id).orElseThrow();
    }

    /** The user's unexpired grant for this youth, audience and purpose, if any. */
    Optional<Grant> active(String userId, Audience audience, String subjectRef) {
        return jdbc.query("select * from break_glass where user_id = ? and organisation = ? and user_role = ? "
                        + "and purpose = ? and subject_ref = ? and expires_at > now() order by expires_at desc limit 1",
                (row, index) -> grant(row), userId, audience.organisation().code(), audience.role().name(),
                audience.purpose(), subjectRef).stream().findFirst();
    }

    public List<Grant> list(boolean reviewed) {
        return jdbc.query("select * from break_glass where (reviewed_at is not null) = ? order by opened_at",
                (row, index) -> grant(row), reviewed);
    }

    public Optional<Grant> find(UUID id) {
        return jdbc.query("select * from break_glass where id = ?", (row, index) -> grant(row), id).stream().findFirst();
    }

    /** Marks a grant reviewed; false when it does not exist or was reviewed already. */
    public boolean review(UUID id, String reviewer, String note) {
        return jdbc.update("update break_glass set reviewed_at = now(), reviewed_by = ?, review_note = ? "
                + "where id = ? and reviewed_at is null", reviewer, note, id) == 1;
    }

    private static Grant grant(ResultSet row) throws SQLException {
        Timestamp reviewed = row.getTimestamp("reviewed_at");
        return new Grant(row.getObject("id", UUID.class), row.getString("user_id"), row.getString("organisation"),
                row.getString("user_role"), row.getString("purpose"), row.getString("subject_ref"),
                row.getString("reason"), row.getTimestamp("opened_at").toInstant(),
                row.getTimestamp("expires_at").toInstant(), reviewed == null ? null : reviewed.toInstant(),
                row.getString("reviewed_by"), row.getString("review_note"));
    }
}
