package nl.ketenbus.query.erasure;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.ketenbus.events.subject.ErasureGround;
import nl.ketenbus.query.access.Restrictions;
import nl.ketenbus.query.identity.IdentityRelease;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erasure under four eyes (ADR 0015): a privacy officer's request waits until another privacy officer
 * confirms it with the same ground, and only then does the command side erase the youth. An erasure
 * destroys the youth's keys for good; a wrong pseudonym pasted by one person would take a youth's
 * safety-relevant history with it. A youth erased before (by two officers, by its retention, or before
 * requests were kept) answers with its erasure at once, as a repeated request always has.
 *
 * <p>Each youth's requests are decided one at a time, across query nodes (an advisory lock per youth),
 * so two officers asking at the same moment make one request and its confirmation, never two requests.
 * The command side is called within that transaction: an erasure it carried out whose confirmation
 * was then not committed is found erased at the next call, which completes the request.
 */
@Component
class ErasureRequests {

    /** The first key of the advisory locks per youth (the read models' are 1263). */
    private static final int LOCKS = 1264;
    /** Who closed a request whose youth was erased otherwise. */
    static final String BACKBONE = "ketenbus";

    /** What a request came to. */
    sealed interface Outcome permits Awaiting, Erased {
    }

    /** Recorded; waits for a second privacy officer. */
    record Awaiting(String subjectRef, String ground, String requestedBy, Instant requestedAt) implements Outcome {
    }

    /** Carried out now or before. */
    record Erased(IdentityRelease.Erased erasure) implements Outcome {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final IdentityRelease commandSide;
    private final Clock clock;
    private final Restrictions restrictions;

    ErasureRequests(JdbcTemplate jdbc, TransactionTemplate transaction, IdentityRelease commandSide, Clock clock,
                    Restrictions restrictions) {
        this.jdbc = jdbc;
        this.restrictions = restrictions;
        this.transaction = transaction;
        this.commandSide = commandSide;
        this.clock = clock;
    }

    /** What the officer means by a call: a new request or the confirmation of one; null for whichever applies. */
    enum Intent { REQUEST, CONFIRM }

    /**
     * The officer asks for the youth's erasure on the ground: the first request is recorded, the same
     * officer asking again changes nothing, and another officer naming the same ground carries it out.
     * Another ground than the open request's is refused, whoever names it: the request is withdrawn and
     * asked again, never changed under a confirmation. A youth whose restriction of processing keeps its
     * data (it opposed the erasure, or needs the data for a legal claim) is not erased until it is lifted.
     */
    Outcome request(String subjectRef, ErasureGround ground, Intent intent, String officer) {
        return transaction.execute(status -> {
            lock(subjectRef);
            // Then the restriction decisions' lock: a restriction that keeps the data is decided wholly before
            // this request (and refuses it) or after the erasure (and is refused as erased), never beside it.
            restrictions.lockDecisions(subjectRef);
            Optional<IdentityRelease.Erased> before = erasureOf(subjectRef);
            if (before.isPresent()) {
                completeOpenRequest(subjectRef, officer);
                return new Erased(before.get());
            }
            restrictions.inForce(subjectRef).filter(restriction -> restriction.ground().keepsDataWhole())
                    .ifPresent(restriction -> {
                        throw new Refused(HttpStatus.CONFLICT, "restriction-keeps-data", null, "the youth's "
                                + "processing is restricted on ground " + restriction.ground() + ": the youth wants "
                                + "its data kept; lift the restriction first (ADR 0025)");
                    });
            Optional<Awaiting> open = open(subjectRef);
            if (intent == Intent.CONFIRM && open.isEmpty()) {
                throw new Refused(HttpStatus.CONFLICT, "no-erasure-request", null, "no open erasure request for this "
                        + "youth to confirm (withdrawn meanwhile?): nothing was recorded");
            }
            if (intent == Intent.REQUEST && open.isPresent() && !open.get().requestedBy().equals(officer)) {
                throw new Refused(HttpStatus.CONFLICT, "erasure-already-requested", null, "another privacy officer's "
                        + "request for this youth's erasure is open: confirm it, which erases, or withdraw it; nothing "
                        + "was recorded");
            }
            if (open.isEmpty()) {
                // As PostgreSQL keeps it, so that the answer to a repeated request is the same.
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                jdbc.update("insert into erasure_request (id, subject_ref, ground, requested_by, requested_at, state) "
                        + "values (?, ?, ?, ?, ?, 'PENDING')", UUID.randomUUID(), subjectRef, ground.name(), officer,
                        Timestamp.from(now));
                return new Awaiting(subjectRef, ground.name(), officer, now);
            }
            Awaiting request = open.get();
            if (!request.ground().equals(ground.name())) {
                throw new Refused(HttpStatus.CONFLICT, "erasure-ground-differs", "ground", "the open request for this "
                        + "youth names the ground " + request.ground() + "; confirm it with that ground, or withdraw it");
            }
            if (request.requestedBy().equals(officer)) {
                return request;
            }
            IdentityRelease.Erased erased = erase(subjectRef, request.ground(), request.requestedBy() + " + " + officer);
            completeOpenRequest(subjectRef, officer);
            return new Erased(erased);
        });
    }

    /** Withdraws the youth's open request; false when there is none. */
    boolean withdraw(String subjectRef, String officer) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            lock(subjectRef);
            return jdbc.update("update erasure_request set state = 'WITHDRAWN', decided_by = ?, decided_at = ? "
                    + "where subject_ref = ? and state = 'PENDING'", officer, Timestamp.from(clock.instant()),
                    subjectRef) > 0;
        }));
    }

    /** Every open request, oldest first. */
    List<Awaiting> open() {
        return jdbc.query("select subject_ref, ground, requested_by, requested_at from erasure_request "
                + "where state = 'PENDING' order by requested_at, subject_ref", (row, index) -> awaiting(row));
    }

    private Optional<Awaiting> open(String subjectRef) {
        return jdbc.query("select subject_ref, ground, requested_by, requested_at from erasure_request "
                + "where subject_ref = ? and state = 'PENDING'", (row, index) -> awaiting(row), subjectRef)
                .stream().findFirst();
    }

    private void completeOpenRequest(String subjectRef, String officer) {
        jdbc.update("update erasure_request set state = 'CARRIED_OUT', decided_by = ?, decided_at = ? "
                + "where subject_ref = ? and state = 'PENDING'", officer, Timestamp.from(clock.instant()), subjectRef);
    }

    /**
     * The youth was erased otherwise (its retention ended, the erasure register carried out an erasure a
     * restored database lacked): an open request for it is closed, decided by {@link #BACKBONE}, so that
     * it neither waits on the page nor counts as waiting. Waits for a confirmation of the same youth being
     * decided (its lock), which then closes the request itself, under the second officer's name.
     */
    void closeAsErasedOtherwise(String subjectRef) {
        lock(subjectRef);
        completeOpenRequest(subjectRef, BACKBONE);
    }

    private void lock(String subjectRef) {
        jdbc.queryForObject("select count(pg_advisory_xact_lock(" + LOCKS + ", hashtext(?)))", Long.class, subjectRef);
    }

    private Optional<IdentityRelease.Erased> erasureOf(String subjectRef) {
        try {
            return commandSide.erasureOf(subjectRef);
        } catch (IdentityRelease.Unknown unknown) {
            throw unknownSubject();
        } catch (IdentityRelease.Unavailable unavailable) {
            throw unavailable();
        }
    }

    private IdentityRelease.Erased erase(String subjectRef, String ground, String decidedBy) {
        try {
            return commandSide.erase(subjectRef, ground, decidedBy);
        } catch (IdentityRelease.Unknown unknown) {
            throw unknownSubject();
        } catch (IdentityRelease.Unavailable unavailable) {
            throw unavailable();
        }
    }

    private static Refused unknownSubject() {
        return new Refused(HttpStatus.NOT_FOUND, "unknown-subject", null, "no youth with this subjectRef");
    }

    private static Refused unavailable() {
        return new Refused(HttpStatus.SERVICE_UNAVAILABLE, "erasure-unavailable",
                "the erasure cannot be carried out now, or the command side did not answer in time and may have "
                        + "carried it out; asking again later finds out: an erased youth is answered as erased");
    }

    private static Awaiting awaiting(ResultSet row) throws SQLException {
        return new Awaiting(row.getString("subject_ref"), row.getString("ground"), row.getString("requested_by"),
                row.getTimestamp("requested_at").toInstant());
    }
}
