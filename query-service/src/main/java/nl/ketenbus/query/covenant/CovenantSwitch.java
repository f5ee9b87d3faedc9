package nl.ketenbus.query.covenant;

import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.query.audience.Generation;
import nl.ketenbus.query.audience.GenerationBuilder;
import nl.ketenbus.query.audience.Generations;
import nl.ketenbus.query.commandside.CommandSide;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one switch of a covenant change for both services (ADR 0017). An approved change switches
 * when its generation is built and its covenant's {@code validFrom} has come, without a person
 * present: first the command side's publishing rights (its intake applies them from that commit
 * on), then, in the same transaction as the change's state, this side's read models. If the
 * command side does not answer, nothing switches and the next round tries again.
 *
 * <p>Every round also keeps the command side on the version this side serves (the first
 * installation, a command database restored from backup): a compare-and-set on the command side's
 * current version, so two nodes never undo each other's switch. One advisory lock serialises
 * switching and aligning across the query nodes.
 */
@Component
class CovenantSwitch {

    private static final Logger log = LoggerFactory.getLogger(CovenantSwitch.class);
    static final String PATH = "/internal/v1/covenant";
    /** Serialises switching and aligning across query nodes (class 0x6b62 'kb', object 17). */
    private static final String LOCK = "select pg_advisory_xact_lock(27490, 17)";

    private final CovenantChanges changes;
    private final Generations generations;
    private final GenerationBuilder builder;
    private final CommandSide commandSide;
    private final CovenantAudit audit;
    private final ImpactReports reports;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Counter failures;
    /** 1 while the command side applies the version this side serves, 0 when not (or not known). */
    private final AtomicInteger aligned = new AtomicInteger();

    CovenantSwitch(CovenantChanges changes, Generations generations, GenerationBuilder builder,
                   CommandSide commandSide, CovenantAudit audit, ImpactReports reports, JdbcTemplate jdbc,
                   TransactionTemplate transaction, Clock clock, MeterRegistry meters) {
        this.reports = reports;
        this.changes = changes;
        this.generations = generations;
        this.builder = builder;
        this.commandSide = commandSide;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.failures = Counter.builder("ketenbus.covenant.switch.failures")
                .description("Covenant switches or alignments the command side did not carry out (tried again)")
                .register(meters);
        meters.gauge("ketenbus.covenant.services.aligned", aligned);
    }

    @Scheduled(fixedDelayString = "${ketenbus.covenant.switch-interval:PT10S}",
            initialDelayString = "${ketenbus.covenant.switch-interval:PT10S}")
    void scheduled() {
        round();
        reportBuilt();
    }

    /** Switches what is due and aligns the command side; a failure waits for the next round. */
    void round() {
        try {
            switchDue();
            align();
        } catch (RuntimeException e) {
            failures.increment();
            // Our own reasons only; a database exception's message is not logged.
            log.error("Covenant switch round failed; the next round tries again: {}",
                    e instanceof IllegalStateException ? e.getMessage() : e.getClass().getSimpleName());
        }
    }

    /**
     * Computes the impact report of every pending change whose generation is built and that has none
     * yet, so that the privacy officer reads it at once: over a large history the report takes a
     * while (docs/benchmarks.md).
     */
    void reportBuilt() {
        try {
            for (CovenantChanges.Change change : changes.pending()) {
                if (change.replaces() != null && !reports.busy() && !reports.computed(change.changeId())
                        && generations.find(change.generation()).map(Generation::state)
                        .filter(Generation.State.READY::equals).isPresent()) {
                    reports.compute(change.changeId());
                    log.info("Impact report of covenant change {} computed", change.changeId());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Impact report not computed ahead; it is computed when asked: {}", e.getClass().getSimpleName());
        }
    }

    /** Switches every approved change whose generation is built and whose covenant is in force today. */
    void switchDue() {
        switchDue(Covenant.dayOf(clock.instant()));
    }

    /** As {@link #switchDue()}, on the given day (the scheduled round passes today). */
    void switchDue(LocalDate today) {
        boolean switched = false;
        for (CovenantChanges.Change change : changes.approved()) {
            Generation target = generations.find(change.generation()).orElseThrow();
            if (target.state() == Generation.State.READY && due(change, target.covenant(), today)) {
                switched |= switchTo(change, target);
            }
        }
        if (switched) {
            builder.startPending();
        }
    }

    /**
     * A new version waits for its first day. A rollback returns at once; so does the installation,
     * whose covenant then gives nobody anything until its first day (reads check the validity).
     */
    private static boolean due(CovenantChanges.Change change, Covenant covenant, LocalDate today) {
        return change.kind() != CovenantChanges.Kind.PROPOSAL || !today.isBefore(covenant.validFrom());
    }

    private boolean switchTo(CovenantChanges.Change change, Generation target) {
        Boolean switched = transaction.execute(status -> {
            jdbc.execute(LOCK);
            if (!changes.lockForSwitch(change.changeId())) {
                return false;
            }
            Generation serving = generations.active().orElse(null);
            if (change.kind() != CovenantChanges.Kind.INSTALL) {
                push(target, serving, "change " + change.changeId() + " (" + change.kind() + ")");
            }
            generations.switchTo(target.number(), change.kind() == CovenantChanges.Kind.PROPOSAL);
            changes.switched(change.changeId());
            audit.switched(change, target);
            return true;
        });
        if (Boolean.TRUE.equals(switched)) {
            log.info("Covenant {} version {} is in force from now on (change {}, generation {})",
                    target.covenant().id(), target.covenant().version(), change.changeId(), target.number());
        }
        return Boolean.TRUE.equals(switched);
    }

    /**
     * Has the command side apply the serving generation's covenant when it applies another one (and
     * no approved change is about to switch to what it applies).
     */
    void align() {
        if (!commandSide.configured()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            jdbc.execute(LOCK);
            Generation serving = generations.active().orElse(null);
            if (serving == null) {
                return;
            }
            String applied = applied();
            String served = Generations.sha256(generations.document(serving.number()));
            if (served.equals(applied)) {
                aligned.set(1);
                return;
            }
            aligned.set(0);
            boolean switching = changes.approved().stream().anyMatch(change -> applied.equals(
                    Generations.sha256(generations.document(change.generation()))));
            if (!switching) {
                log.warn("The command side applies another covenant than the one served here (generation {}); "
                        + "aligning it", serving.number());
                push(serving, null, "alignment with generation " + serving.number());
                aligned.set(1);
            }
        });
    }

    private String applied() {
        try {
            return commandSide.call("GET", PATH, null).path("covenantSha256").asText();
        } catch (CommandSide.Unavailable unavailable) {
            failures.increment();
            throw new IllegalStateException("the command side does not say which covenant it applies");
        }
    }

    /**
     * Sets the command side's covenant, provided it still applies {@code expected}'s (or, without
     * one, whatever it answered just before). Throws when it does not, which rolls the switch back.
     */
    private void push(Generation target, Generation expected, String reason) {
        if (!commandSide.configured()) {
            log.warn("The command side's internal path is not configured: its publishing rights do not switch");
            return;
        }
        String expectedSha = expected == null ? applied() : Generations.sha256(generations.document(expected.number()));
        JsonNode request = JsonNodeFactory.instance.objectNode()
                .put("document", generations.document(target.number()))
                .put("expectedSha256", expectedSha).put("reason", reason);
        CommandSide.Answer answer;
        try {
            answer = commandSide.send("PUT", PATH, request);
        } catch (CommandSide.Unavailable unavailable) {
            failures.increment();
            throw new IllegalStateException("the command side did not switch: " + unavailable.getMessage());
        }
        if (!answer.ok()) {
            failures.increment();
            throw new IllegalStateException("the command side refused the switch: " + answer.status() + " "
                    + answer.body().path("type").asText());
        }
    }
}
