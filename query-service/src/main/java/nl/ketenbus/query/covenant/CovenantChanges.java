package nl.ketenbus.query.covenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.query.audience.Generation;
import nl.ketenbus.query.audience.Generations;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The covenant changes and their four-eyes decisions, as stored in {@code covenant_change} (ADR
 * 0017): a covenant administrator proposes a version (or a rollback to the standby), a privacy
 * officer who is another person approves it with the impact report in front of them, or refuses it.
 * Only then does {@link CovenantSwitch} switch. One change is open at a time.
 */
@Repository
public class CovenantChanges {

    /** INSTALL: the installation's first covenant, from the deployment's file; nothing to compare it with. */
    public enum Kind { INSTALL, PROPOSAL, ROLLBACK }

    public enum State { PENDING, APPROVED, REFUSED, SWITCHED }

    /**
     * One change as the covenant administrator and the privacy officer see it.
     *
     * @param generation the read-model generation it switches to
     * @param replaces   the generation that served when it was proposed (what the impact report compares with)
     */
    public record Change(int changeId, Kind kind, int generation, Integer replaces, String covenantId,
                         int covenantVersion, State state, String proposedBy, Instant proposedAt, String decidedBy,
                         Instant decidedAt, String decisionReason, String reportSha256, Instant switchedAt) {
    }

    private static final Pattern VERSION_LINE = Pattern.compile("(?m)^version:");

    private final Generations generations;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    CovenantChanges(Generations generations, JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.generations = generations;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** The installation's first covenant: approved by its deployment, switched in once built. */
    Change install(String source, String document) {
        return transaction.execute(status -> {
            Generations.Status created = generations.create(source, document);
            return insert(Kind.INSTALL, created, null, "deployment: " + source, State.APPROVED);
        });
    }

    /**
     * A new covenant version, proposed: replayed into a new generation, then waiting for a privacy
     * officer. Refused when it does not parse or breaks a rule ({@link nl.ketenbus.covenant.InvalidCovenant}),
     * does not raise the active version, or while another change is open.
     */
    Change propose(String proposedBy, String source, String document) {
        Covenant proposed = CovenantLoader.parse(source, document);
        return transaction.execute(status -> {
            lockChanges();
            requireNoneOpen();
            Generation active = generations.active().orElseThrow(() -> new Refused(HttpStatus.CONFLICT,
                    "covenant-not-installed",
                    "no covenant serves yet; the first one is installed from the deployment"));
            requireHigherVersion(proposed, active.covenant(), document);
            Generations.Status created = generations.create(source, document);
            return insert(Kind.PROPOSAL, created, active.number(), proposedBy, State.PENDING);
        });
    }

    /** A return to the standby, the version that served before; it needs an approval like any change. */
    Change proposeRollback(String proposedBy) {
        return transaction.execute(status -> {
            lockChanges();
            requireNoneOpen();
            Generation standby = generations.standby().orElseThrow(() -> new Refused(HttpStatus.CONFLICT,
                    "no-standby", "no earlier version is kept to roll back to"));
            int active = generations.active().orElseThrow().number();
            jdbc.update("insert into covenant_change (kind, generation, replaces, covenant_id, covenant_version, "
                            + "state, proposed_by) values ('ROLLBACK', ?, ?, ?, ?, 'PENDING', ?)", standby.number(),
                    active, standby.covenant().id(), standby.covenant().version(), proposedBy);
            return latest();
        });
    }

    /**
     * The privacy officer's approval, naming the impact report it was given. Refused for the proposer
     * (four eyes), for a change no longer pending, while its generation is not built, and for a report
     * that was not computed for this change.
     */
    Change approve(int changeId, String approvedBy, String reportSha256) {
        return transaction.execute(status -> {
            Change change = pending(changeId, approvedBy);
            Generation target = generations.find(change.generation()).orElseThrow();
            if (target.state() != Generation.State.READY) {
                throw new Refused(HttpStatus.CONFLICT, "change-not-built", "the change's generation is "
                        + target.state() + "; it can be approved once it is built and its impact report is known");
            }
            // A report kept before it listed what changes only when read (readTimeRules, ADR 0017 amended) is
            // not one to approve on: it could show nought for a change that widens what people read.
            Boolean known = jdbc.queryForObject("select exists (select 1 from covenant_impact_report "
                    + "where change_id = ? and report_sha256 = ? "
                    + "and jsonb_typeof(report -> 'readTimeRules') = 'object')", Boolean.class, changeId, reportSha256);
            if (!Boolean.TRUE.equals(known)) {
                throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "report-unknown", "reportSha256",
                        "name the impact report you decided on (its reportSha256 from GET .../impact)");
            }
            jdbc.update("update covenant_change set state = 'APPROVED', decided_by = ?, decided_at = now(), "
                    + "report_sha256 = ? where change_id = ?", approvedBy, reportSha256, changeId);
            return find(changeId).orElseThrow();
        });
    }

    /** The privacy officer's refusal, with the reason: the proposed generation is retired and purged. */
    Change refuse(int changeId, String refusedBy, String reason) {
        return transaction.execute(status -> {
            Change change = pending(changeId, refusedBy);
            jdbc.update("update covenant_change set state = 'REFUSED', decided_by = ?, decided_at = now(), "
                    + "decision_reason = ? where change_id = ?", refusedBy, reason, changeId);
            if (change.kind() == Kind.PROPOSAL) {
                generations.retire(change.generation());
            }
            return find(changeId).orElseThrow();
        });
    }

    /** Changes waiting for a decision, oldest first. */
    List<Change> pending() {
        return jdbc.query("select * from covenant_change where state = 'PENDING' order by change_id",
                (row, index) -> change(row));
    }

    /** Approved changes not yet switched, oldest first. */
    List<Change> approved() {
        return jdbc.query("select * from covenant_change where state = 'APPROVED' order by change_id",
                (row, index) -> change(row));
    }

    /**
     * Locks the change for its switch (in the caller's transaction) and says whether it is still
     * approved: another node may have switched it meanwhile.
     */
    boolean lockForSwitch(int changeId) {
        return jdbc.queryForList("select state from covenant_change where change_id = ? for update", String.class,
                changeId).stream().anyMatch(State.APPROVED.name()::equals);
    }

    void switched(int changeId) {
        jdbc.update("update covenant_change set state = 'SWITCHED', switched_at = now() where change_id = ?", changeId);
    }

    public Optional<Change> find(int changeId) {
        return jdbc.query("select * from covenant_change where change_id = ?", (row, index) -> change(row), changeId)
                .stream().findFirst();
    }

    public List<Change> all() {
        return jdbc.query("select * from covenant_change order by change_id", (row, index) -> change(row));
    }

    /** The change, locked for the decision, provided it is pending and the decider did not propose it. */
    private Change pending(int changeId, String decidedBy) {
        Change change = jdbc.query("select * from covenant_change where change_id = ? for update",
                        (row, index) -> change(row), changeId).stream().findFirst()
                .orElseThrow(() -> notFound(changeId));
        if (change.state() != State.PENDING) {
            throw new Refused(HttpStatus.CONFLICT, "change-not-pending", "change " + changeId + " is "
                    + change.state() + "; only a pending change is approved or refused");
        }
        if (change.proposedBy().equals(decidedBy)) {
            throw new Refused(HttpStatus.FORBIDDEN, "four-eyes", "the person who proposed a change does not decide "
                    + "on it; another privacy officer must");
        }
        return change;
    }

    static Refused notFound(int changeId) {
        return new Refused(HttpStatus.NOT_FOUND, "no-change", "there is no covenant change " + changeId);
    }

    /** Proposals wait for each other: two nodes proposing at once must not both pass the check. */
    private void lockChanges() {
        jdbc.execute("lock table covenant_change in share row exclusive mode");
    }

    private void requireNoneOpen() {
        List<Integer> open = jdbc.queryForList("select change_id from covenant_change "
                + "where state in ('PENDING', 'APPROVED')", Integer.class);
        if (!open.isEmpty()) {
            throw new Refused(HttpStatus.CONFLICT, "change-open", "change " + open.get(0) + " is still open; approve "
                    + "or refuse it before proposing another");
        }
    }

    /** A proposal raises the version of the covenant in force; the refusal names the document's line. */
    private static void requireHigherVersion(Covenant proposed, Covenant active, String document) {
        if (proposed.id().equals(active.id()) && proposed.version() <= active.version()) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "covenant-refused", "version",
                    "version: " + proposed.version() + " does not raise the version in force (" + active.version()
                            + ") (line " + lineOfVersion(document) + "); nothing was replayed");
        }
    }

    private static int lineOfVersion(String document) {
        Matcher matcher = VERSION_LINE.matcher(document);
        return matcher.find() ? (int) document.substring(0, matcher.start()).chars().filter(c -> c == '\n').count() + 1
                : 1;
    }

    private Change insert(Kind kind, Generations.Status created, Integer replaces, String proposedBy, State state) {
        jdbc.update("insert into covenant_change (kind, generation, replaces, covenant_id, covenant_version, state, "
                        + "proposed_by, decided_by, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", kind.name(),
                created.generation(), replaces, created.covenantId(), created.covenantVersion(), state.name(),
                proposedBy, state == State.APPROVED ? proposedBy : null,
                state == State.APPROVED ? Timestamp.from(Instant.now()) : null);
        return latest();
    }

    private Change latest() {
        return jdbc.queryForObject("select * from covenant_change order by change_id desc limit 1",
                (row, index) -> change(row));
    }

    private static Change change(ResultSet row) throws SQLException {
        return new Change(row.getInt("change_id"), Kind.valueOf(row.getString("kind")), row.getInt("generation"),
                (Integer) row.getObject("replaces"), row.getString("covenant_id"), row.getInt("covenant_version"),
                State.valueOf(row.getString("state")), row.getString("proposed_by"), instant(row, "proposed_at"),
                row.getString("decided_by"), instant(row, "decided_at"), row.getString("decision_reason"),
                row.getString("report_sha256"), instant(row, "switched_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
