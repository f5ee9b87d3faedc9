package nl.ketenbus.query.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.covenant.Audience;
import nl.ketenbus.events.SealedValue;
import nl.ketenbus.query.audit.FreeTextSeal;
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

    private static final String REASON = "reason";
    private static final String REVIEW_NOTE = "reviewNote";

    private final JdbcTemplate jdbc;
    private final Duration duration;
    private final FreeTextSeal seal;
    private final ObjectMapper json = new ObjectMapper();

    BreakGlass(JdbcTemplate jdbc, @Value("${ketenbus.audit.break-glass-duration:PT30M}") Duration duration,
               FreeTextSeal seal) {
        this.jdbc = jdbc;
        this.duration = duration;
        this.seal = seal;
    }

    Grant open(String userId, Audience audience, String subjectRef, String reason) {
        Instant now = Instant.now();
        UUID id = UUID.randomUUID();
        jdbc.update("insert into break_glass (id, user_id, organisation, user_role, purpose, subject_ref, "
                        + "reason_sealed, opened_at, expires_at) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)", id, userId,
                audience.organisation().code(), audience.role().name(), audience.purpose(), subjectRef,
                sealed(id, REASON, reason), Timestamp.from(now), Timestamp.from(now.plus(duration)));
        return find(id).orElseThrow();
    }

    /** The user's unexpired grant for this youth, audience and purpose, if any. */
    Optional<Grant> active(String userId, Audience audience, String subjectRef) {
        return jdbc.query("select * from break_glass where user_id = ? and organisation = ? and user_role = ? "
                        + "and purpose = ? and subject_ref = ? and expires_at > now() order by expires_at desc limit 1",
                (row, index) -> grant(row), userId, audience.organisation().code(), audience.role().name(),
                audience.purpose(), subjectRef).stream().findFirst();
    }

    /**
     * The grants, reviewed or not, of the overseen organisations' people only (ADR 0034): selected in SQL, so
     * that another organisation's sealed reasons and notes are never opened for this list.
     */
    public List<Grant> list(boolean reviewed, Overseen overseen) {
        return overseen.everyone()
                ? jdbc.query("select * from break_glass where (reviewed_at is not null) = ? order by opened_at",
                        (row, index) -> grant(row), reviewed)
                : jdbc.query("select * from break_glass where (reviewed_at is not null) = ? and organisation = ? "
                        + "order by opened_at", (row, index) -> grant(row), reviewed, overseen.organisation());
    }

    public Optional<Grant> find(UUID id) {
        return jdbc.query("select * from break_glass where id = ?", (row, index) -> grant(row), id).stream().findFirst();
    }

    /**
     * Marks a grant reviewed; false when it does not exist, was reviewed already or is the reviewer's own
     * (four eyes: whoever broke the glass does not judge it, not even holding the privacy officer's role).
     */
    public boolean review(UUID id, String reviewer, String note) {
        return jdbc.update("update break_glass set reviewed_at = now(), reviewed_by = ?, review_note_sealed = ?::jsonb "
                + "where id = ? and reviewed_at is null and user_id <> ?", reviewer, sealed(id, REVIEW_NOTE, note), id,
                reviewer) == 1;
    }

    private String sealed(UUID id, String field, String text) {
        try {
            return json.writeValueAsString(seal.seal(id.toString(), field, text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a sealed text", e);
        }
    }

    /** The text in clear for the grant's reader: sealed since V7, in clear in grants from before it. */
    private String text(ResultSet row, UUID id, String field, String sealedColumn, String clearColumn)
            throws SQLException {
        String sealed = row.getString(sealedColumn);
        if (sealed == null) {
            return row.getString(clearColumn);
        }
        try {
            return seal.open(id.toString(), field, json.readValue(sealed, SealedValue.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("break_glass." + sealedColumn + " is not a sealed value", e);
        }
    }

    private Grant grant(ResultSet row) throws SQLException {
        Timestamp reviewed = row.getTimestamp("reviewed_at");
        UUID id = row.getObject("id", UUID.class);
        return new Grant(id, row.getString("user_id"), row.getString("organisation"),
                row.getString("user_role"), row.getString("purpose"), row.getString("subject_ref"),
                text(row, id, REASON, "reason_sealed", "reason"), row.getTimestamp("opened_at").toInstant(),
                row.getTimestamp("expires_at").toInstant(), reviewed == null ? null : reviewed.toInstant(),
                row.getString("reviewed_by"), text(row, id, REVIEW_NOTE, "review_note_sealed", "review_note"));
    }
}
