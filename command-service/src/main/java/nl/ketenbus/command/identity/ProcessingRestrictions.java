package nl.ketenbus.command.identity;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import nl.ketenbus.command.subject.SubjectStreams;
import nl.ketenbus.command.subject.domain.RetentionHolds;
import nl.ketenbus.events.subject.RestrictionGround;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The youths whose processing a privacy officer restricted (AVG art. 18, ADR 0025), as the query side
 * decided it: no casework command about them is accepted meanwhile. Partners' facts are still taken
 * in and kept (storage is what art. 18 leaves), and shown to nobody while the restriction holds.
 */
@Repository
public class ProcessingRestrictions implements RetentionHolds {

    /** The grounds on which the youth wants its data kept: it opposed the erasure, or needs it for a legal claim. */
    private static final String[] KEPT_WHOLE = RestrictionGround.keepingDataWhole();

    /**
     * The store's purge takes this lock exclusively for each of its batches (StorePurge, class 27490, object 21),
     * reads which youths want their data kept and then removes the others' due facts. A restriction waits for the
     * batch in flight, so it holds from the next batch on and no batch removes what it keeps on an older list.
     */
    private static final String NOT_DURING_A_PURGE_BATCH = "select pg_advisory_xact_lock_shared(27490, 21)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final SubjectStreams streams;

    ProcessingRestrictions(JdbcTemplate jdbc, TransactionTemplate transaction, SubjectStreams streams) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.streams = streams;
    }

    /**
     * Refuses (409 {@code processing-restricted}) a casework command about the youth while its processing is
     * restricted. Asked within the command's transaction, before the command loads the youth: a restriction
     * committed while the command runs holds from the next one on.
     */
    public void refuseRestricted(String subjectRef) {
        if (restricted(subjectRef)) {
            throw new Refused(HttpStatus.CONFLICT, "processing-restricted", "subjectRef", "the processing of this "
                    + "youth's data is restricted (AVG art. 18): nothing is recorded about it until a privacy "
                    + "officer lifts the restriction");
        }
    }

    /** Whether the youth's processing is restricted now. */
    public boolean restricted(String subjectRef) {
        return !among(Set.of(subjectRef)).isEmpty();
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
     * Restricts, at the time the query side decided it (so that both sides' rows compare on one clock). A
     * repeat changes nothing; another ground or time replaces the row: the query side, which decides, says so
     * only when its restriction was lifted and made again, or when the comparison finds this side held
     * another after a restored backup. The youth's last lifting is kept. False, and nothing restricted, when
     * the youth is erased.
     */
    boolean restrict(String subjectRef, RestrictionGround ground, String decidedBy, Instant restrictedAt) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            jdbc.execute(NOT_DURING_A_PURGE_BATCH);
            // Under the youth's lock, which its erasure holds: an erasure committed between a check before this
            // and the insert left a restriction of an erased youth, which the query side's comparison then told
            // this side again for ever (refused), keeping every youth after it waiting.
            streams.lock(List.of(subjectRef));
            if (jdbc.queryForObject("select exists (select 1 from erasure_proof where subject_ref = ?)",
                    Boolean.class, subjectRef)) {
                return false;
            }
            jdbc.update("insert into processing_restriction (subject_ref, ground, decided_by, restricted_at) "
                    + "values (?, ?, ?, ?) on conflict (subject_ref) do update set ground = excluded.ground, "
                    + "decided_by = excluded.decided_by, restricted_at = excluded.restricted_at "
                    + "where processing_restriction.ground <> excluded.ground "
                    + "or processing_restriction.restricted_at <> excluded.restricted_at", subjectRef,
                    ground.name(), decidedBy, Timestamp.from(restrictedAt));
            return true;
        }));
    }

    /**
     * A lifting as the query side decided it: the time of the restriction it lifts, who lifted, when, and the
     * day the youth was told (art. 18(3)); the query side checked the officer's, and keeps none for a
     * restriction the backbone ended.
     */
    public record Lifting(Instant restrictedAt, String liftedBy, Instant liftedAt, LocalDate subjectInformedOn) {
    }

    /** A restriction lifted, as the youth's last lifting is kept here. */
    public record Lifted(RestrictionGround ground, String decidedBy, Instant restrictedAt, String liftedBy,
                         Instant liftedAt, LocalDate subjectInformedOn) {
    }

    /**
     * Lifts, and keeps the lifting in place of the youth's earlier one; a youth not restricted changes
     * nothing, so a repeat keeps the lifting as it was first told.
     */
    void lift(String subjectRef, Lifting lifting) {
        jdbc.update("with lifted as (delete from processing_restriction where subject_ref = ? returning *) "
                        + "insert into processing_restriction_lifting (subject_ref, ground, decided_by, "
                        + "restricted_at, lifted_by, lifted_at, subject_informed_on) "
                        + "select subject_ref, ground, decided_by, ?, ?, ?, ? from lifted on conflict (subject_ref) do update set ground = excluded.ground, "
                        + "decided_by = excluded.decided_by, restricted_at = excluded.restricted_at, "
                        + "lifted_by = excluded.lifted_by, lifted_at = excluded.lifted_at, "
                        + "subject_informed_on = excluded.subject_informed_on",
                subjectRef, Timestamp.from(lifting.restrictedAt()), lifting.liftedBy(),
                Timestamp.from(lifting.liftedAt()),
                lifting.subjectInformedOn() == null ? null : Date.valueOf(lifting.subjectInformedOn()));
    }

    /** The youth's last lifting, if a restriction of it was ever lifted. */
    Optional<Lifted> lastLifting(String subjectRef) {
        return jdbc.query("select * from processing_restriction_lifting where subject_ref = ?", (row, index) ->
                new Lifted(RestrictionGround.valueOf(row.getString("ground")), row.getString("decided_by"),
                        row.getTimestamp("restricted_at").toInstant(), row.getString("lifted_by"),
                        row.getTimestamp("lifted_at").toInstant(), informedOn(row.getDate("subject_informed_on"))),
                subjectRef).stream().findFirst();
    }

    private static LocalDate informedOn(Date day) {
        return day == null ? null : day.toLocalDate();
    }
}
