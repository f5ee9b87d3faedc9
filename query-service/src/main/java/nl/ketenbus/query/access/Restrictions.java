package nl.ketenbus.query.access;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.ketenbus.events.subject.RestrictionGround;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Restrictions of processing (AVG art. 18, ADR 0025): which youths no read may show while a privacy
 * officer's restriction is in force. Every query node asks the table at every read, so a restriction
 * holds on all of them from the moment it is committed; nothing is remembered in a node.
 */
@Repository
public class Restrictions {

    /** One restriction, in force while {@code liftedAt} is null. */
    public record Restriction(UUID id, String subjectRef, RestrictionGround ground, String restrictedBy,
                              Instant restrictedAt, String liftedBy, Instant liftedAt, LocalDate subjectInformedOn) {

        public boolean inForce() {
            return liftedAt == null;
        }
    }

    /** The first key of the advisory locks per youth (the read models' are 1263, the erasure requests' 1264). */
    private static final int LOCKS = 1265;

    /** Who ended a restriction whose youth was erased. */
    public static final String BACKBONE = "ketenbus";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    Restrictions(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Those of these youths whose processing is restricted now. */
    public Set<String> among(Collection<String> subjectRefs) {
        if (subjectRefs.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("select subject_ref from processing_restriction "
                        + "where subject_ref = any(?::text[]) and lifted_at is null", String.class,
                (Object) subjectRefs.stream().distinct().toArray(String[]::new)));
    }

    /**
     * Refuses (403 {@code processing-restricted}) a read about any of these youths while its processing is
     * restricted. Said to a reader whose role and purpose passed ({@code Readers}): the pseudonym cannot be
     * guessed, and a reader who holds one and is answered with an empty timeline would take the youth's
     * silence for an absence of facts.
     */
    void refuseRestricted(Collection<String> subjectRefs) {
        if (!among(subjectRefs).isEmpty()) {
            throw new Refused(HttpStatus.FORBIDDEN, "processing-restricted", null, "the processing of this "
                    + "youth's data is restricted (AVG art. 18): it is kept, and shown to nobody but under "
                    + "break-glass, until a privacy officer lifts the restriction");
        }
    }

    /**
     * Decides about the youth's restriction one at a time across query nodes, until the caller's transaction
     * ends: a privacy officer's decision and the comparison with the command side (a restored backup) never
     * cross, so that neither undoes the other half done.
     */
    public void lockDecisions(String subjectRef) {
        jdbc.queryForObject("select count(pg_advisory_xact_lock(" + LOCKS + ", hashtext(?)))", Long.class, subjectRef);
    }

    /** The youth's latest restriction, in force or lifted, if it ever had one. */
    public Optional<Restriction> latest(String subjectRef) {
        return jdbc.query("select * from processing_restriction where subject_ref = ? order by restricted_at desc "
                + "limit 1", (row, index) -> restriction(row), subjectRef).stream().findFirst();
    }

    /**
     * Records a restriction the command side holds and this side lost (a backup restored here), as it was
     * decided there: its ground, who decided and when.
     */
    public void restore(String subjectRef, RestrictionGround ground, String decidedBy, Instant restrictedAt) {
        jdbc.update("insert into processing_restriction (id, subject_ref, ground, restricted_by, restricted_at) "
                        + "values (?, ?, ?, ?, ?) on conflict (subject_ref) where lifted_at is null do nothing",
                UUID.randomUUID(), subjectRef, ground.name(), decidedBy, Timestamp.from(restrictedAt));
    }

    /**
     * Records the lifting of the youth's restriction in force made at {@code restrictedAt}, as the command side
     * kept it and this side lost it (a backup restored here): who lifted it, when, and the day the youth was
     * told (none when the backbone ended it).
     */
    public void restoreLifting(String subjectRef, Instant restrictedAt, String liftedBy, Instant liftedAt,
                               LocalDate subjectInformedOn) {
        jdbc.update("update processing_restriction set lifted_by = ?, lifted_at = ?, subject_informed_on = ? "
                        + "where subject_ref = ? and restricted_at = ? and lifted_at is null", liftedBy,
                Timestamp.from(liftedAt), subjectInformedOn == null ? null : Date.valueOf(subjectInformedOn),
                subjectRef, Timestamp.from(restrictedAt));
    }

    /** The youth's restriction in force, if any. */
    public Optional<Restriction> inForce(String subjectRef) {
        return jdbc.query("select * from processing_restriction where subject_ref = ? and lifted_at is null",
                (row, index) -> restriction(row), subjectRef).stream().findFirst();
    }

    /**
     * Restricts the youth's processing on the ground; a restriction in force is answered as it stands
     * (the caller compares its ground). Within the caller's transaction: the caller commits it only once
     * the command side holds it too.
     */
    public Restriction restrict(String subjectRef, RestrictionGround ground, String officer) {
        jdbc.update("insert into processing_restriction (id, subject_ref, ground, restricted_by, restricted_at) "
                        + "values (?, ?, ?, ?, ?) on conflict (subject_ref) where lifted_at is null do nothing",
                UUID.randomUUID(), subjectRef, ground.name(), officer, Timestamp.from(now()));
        return inForce(subjectRef).orElseThrow();
    }

    /** Lifts the youth's restriction in force; empty when none is. */
    public Optional<Restriction> lift(String subjectRef, String officer, LocalDate subjectInformedOn) {
        return jdbc.query("update processing_restriction set lifted_by = ?, lifted_at = ?, subject_informed_on = ? "
                        + "where subject_ref = ? and lifted_at is null returning *", (row, index) -> restriction(row),
                officer, Timestamp.from(now()), Date.valueOf(subjectInformedOn), subjectRef).stream().findFirst();
    }

    /**
     * Ends the youth's restriction in force, if any, when the youth is erased: nothing of it is left to
     * restrict. Ended by the backbone ({@link #BACKBONE}), with no day the youth was told.
     */
    public void endByErasure(String subjectRef) {
        endByBackbone(subjectRef, now());
    }

    /**
     * Ends the youth's restriction in force, if any, at {@code at}, by the backbone ({@link #BACKBONE}): when
     * the youth is erased, or when the command side holds a later decision this side lost (a backup restored
     * here), whose lifting of this one it no longer knows.
     */
    public void endByBackbone(String subjectRef, Instant at) {
        jdbc.update("update processing_restriction set lifted_by = ?, lifted_at = ? where subject_ref = ? "
                + "and lifted_at is null", BACKBONE, Timestamp.from(at), subjectRef);
    }

    /** The youth's restrictions, in force and lifted, oldest first. */
    public List<Restriction> of(String subjectRef) {
        return jdbc.query("select * from processing_restriction where subject_ref = ? order by restricted_at",
                (row, index) -> restriction(row), subjectRef);
    }

    /** Every restriction in force, oldest first. */
    public List<Restriction> inForce() {
        return jdbc.query("select * from processing_restriction where lifted_at is null order by restricted_at",
                (row, index) -> restriction(row));
    }

    /** Now as PostgreSQL keeps it, so that an answer and its repeat read the same time. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Restriction restriction(ResultSet row) throws SQLException {
        Timestamp lifted = row.getTimestamp("lifted_at");
        Date informed = row.getDate("subject_informed_on");
        return new Restriction(row.getObject("id", UUID.class), row.getString("subject_ref"),
                RestrictionGround.valueOf(row.getString("ground")), row.getString("restricted_by"),
                row.getTimestamp("restricted_at").toInstant(), row.getString("lifted_by"),
                lifted == null ? null : lifted.toInstant(), informed == null ? null : informed.toLocalDate());
    }
}
