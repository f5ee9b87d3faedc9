package nl.ketenbus.command.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import nl.ketenbus.command.subject.domain.RetentionHolds;
import nl.ketenbus.events.subject.RestrictionGround;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The youths whose processing a privacy officer restricted (AVG art. 18, ADR 0025), as the query side
 * decided it: no casework command about them is accepted meanwhile. Partners' facts are still taken
 * in and kept (storage is what art. 18 leaves), and shown to nobody while the restriction holds.
 */
@Repository
public class ProcessingRestrictions implements RetentionHolds {

    /** The grounds on which the youth wants its data kept: it opposed the erasure, or needs it for a legal claim. */
    private static final String[] KEPT_WHOLE = RestrictionGround.keepingDataWhole();

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ProcessingRestrictions(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Refuses (409 {@code processing-restricted}) a casework command about the youth while its processing is
     * restricted. Asked within the command's transaction, before the command loads the youth: a restriction
     * committed while the command runs holds from the next one on.
     */
    public void refuseRestricted(String subjectRef) {
        if (!among(Set.of(subjectRef)).isEmpty()) {
            throw new Refused(HttpStatus.CONFLICT, "processing-restricted", "subjectRef", "the processing of this "
                    + "youth's data is restricted (AVG art. 18): nothing is recorded about it until a privacy "
                    + "officer lifts the restriction");
        }
    }

    /** Those of these youths whose processing is restricted. */
    public Set<String> among(Collection<String> subjectRefs) {
        if (subjectRefs.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("select subject_ref from processing_restriction "
                + "where subject_ref = any(?::text[])", String.class, (Object) subjectRefs.toArray(String[]::new)));
    }

    /**
     * Whether the youth's restriction keeps its data whole against retention (art. 18(1)(b) and (c)); a
     * restriction while the accuracy or an objection is weighed leaves retention as it is.
     */
    @Override
    public boolean holds(String subjectRef) {
        return jdbc.queryForObject("select exists (select 1 from processing_restriction where subject_ref = ? "
                + "and ground = any(?::text[]))", Boolean.class, subjectRef, KEPT_WHOLE);
    }

    /** A restriction as held here. */
    public record Held(String subjectRef, RestrictionGround ground, String decidedBy, Instant restrictedAt) {
    }

    /** Every restriction held, oldest first. */
    List<Held> all() {
        return jdbc.query("select * from processing_restriction order by restricted_at, subject_ref",
                (row, index) -> held(row));
    }

    /** The youth's restriction, if held. */
    Optional<Held> of(String subjectRef) {
        return jdbc.query("select * from processing_restriction where subject_ref = ?", (row, index) -> held(row),
                subjectRef).stream().findFirst();
    }

    private static Held held(ResultSet row) throws SQLException {
        return new Held(row.getString("subject_ref"), RestrictionGround.valueOf(row.getString("ground")),
                row.getString("decided_by"), row.getTimestamp("restricted_at").toInstant());
    }

    /**
     * Restricts; a youth restricted already on the same ground keeps its time. Another ground replaces it:
     * the query side, which decides, says so only when its restriction in force was lifted and made again,
     * or when it finds this side held another after a restored backup.
     */
    void restrict(String subjectRef, RestrictionGround ground, String decidedBy) {
        jdbc.update("insert into processing_restriction (subject_ref, ground, decided_by, restricted_at) "
                + "values (?, ?, ?, ?) on conflict (subject_ref) do update set ground = excluded.ground, "
                + "decided_by = excluded.decided_by, restricted_at = excluded.restricted_at "
                + "where processing_restriction.ground <> excluded.ground", subjectRef, ground.name(), decidedBy,
                Timestamp.from(clock.instant()));
    }

    /** Lifts; a youth not restricted changes nothing. */
    void lift(String subjectRef) {
        jdbc.update("delete from processing_restriction where subject_ref = ?", subjectRef);
    }
}
