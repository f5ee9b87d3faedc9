package nl.ketenbus.command.intake;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.command.identity.MasterKeySeal;
import nl.ketenbus.security.DependencyFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tries the held partner records again (ADR 0032), every {@code ketenbus.intake.kafka.held-retry-interval}:
 * youth by youth, the one held longest first, each youth's records in their order through the same decision as
 * the listener's. A record decided (accepted, a duplicate, or refused and dead-lettered) is released; one that
 * fails again stays with its new reason and its youth's later records wait behind it, until the next pass
 * (after a fix). Passes on several nodes at once take turns: a pass claims a row before it decides it, and one that
 * finds it claimed (or gone) leaves the youth to the other; a record is released only after it was decided, and
 * decided again only when the node that decided it stopped, or could not release it, and its claim lapsed, and then
 * before any later record of its youth, which the receipts answer as a duplicate. Also seals held
 * records anew after a change of master key, and says how many are held, for how long, and how many are still
 * sealed with a previous master key.
 */
@Component
@ConditionalOnProperty(name = "ketenbus.intake.kafka.enabled", havingValue = "true", matchIfMissing = true)
class HeldRecordRetry {

    static final String FAILING = "failing";
    static final String BEHIND = "behind";
    private static final Logger log = LoggerFactory.getLogger(HeldRecordRetry.class);
    
    /** What one pass did. */
    record Pass(int released, int stillHeld) {
    }

    private final HeldRecords held;
    private final KafkaIntakeListener listener;
    private final PartnerIntakeStart start;
    private final IntakeMetrics metrics;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();
    private final AtomicLong underPreviousMasterKey = new AtomicLong();

    HeldRecordRetry(HeldRecords held, KafkaIntakeListener listener, PartnerIntakeStart start, IntakeMetrics metrics,
                    MeterRegistry meters) {
        this.held = held;
        this.listener = listener;
        this.start = start;
        this.metrics = metrics;
        Gauge.builder("ketenbus.intake.held.records", count, AtomicLong::get)
                .description("Partner records held because they could not be decided, or behind one that could not")
                .register(meters);
        Gauge.builder("ketenbus.intake.held.oldest", oldestSeconds, AtomicLong::get).baseUnit("seconds")
                .description("How long the longest-held partner record has been held").register(meters);
        Gauge.builder("ketenbus.intake.held.under-previous-master", underPreviousMasterKey, AtomicLong::get)
                .description("Held partner records not yet sealed anew with the current master key").register(meters);
    }

    @Scheduled(fixedDelayString = "${ketenbus.intake.kafka.held-retry-interval:PT1M}",
            initialDelayString = "${ketenbus.intake.kafka.held-retry-interval:PT1M}")
    void scheduled() {
        if (!start.started()) {
            return; // the partner records wait, as the topics' do, until the erasure register was read
        }
        try {
            Pass pass = retry();
            if (pass.released() > 0 || pass.stillHeld() > 0) {
                log.info("Held partner records: {} decided and released, {} still held", pass.released(),
                        pass.stillHeld());
            }
        } catch (RuntimeException failure) {
            // The next pass starts again from the rows: nothing was released that was not decided.
            log.warn("Trying the held partner records stopped: {}", failure.getClass().getName());
        }
    }

    /**
     * One pass. A youth whose first row fails (again, or does not open) keeps its rows and does not stop the other
     * youths; the gauges are measured at the end of every pass the database answers.
     */
    Pass retry() {
        int released = 0;
        try {
            held.reload();
            held.sealAnew();
            for (HeldRecords.Scope scope : held.scopes()) {
                try {
                    released += retry(scope);
                } catch (RuntimeException failure) {
                    log.warn("Held partner records of one youth not tried: {}", failure.getClass().getName());
                }
            }
        } finally {
            long[] counts = held.counts();
            count.set(counts[0]);
            oldestSeconds.set(counts[1]);
            underPreviousMasterKey.set(counts[2]);
        }
        return new Pass(released, (int) count.get());
    }

    /**
     * The scope's records in their order, until one fails again or another node's pass holds one; returns how many
     * were released. Each row is claimed before it is decided, so a pass that read a row another node's pass is
     * deciding, or has just released, leaves the youth to that pass and never decides the row after the youth's
     * later records.
     */
    private int retry(HeldRecords.Scope scope) {
        int released = 0;
        Optional<HeldRecords.Row> next = held.first(scope);
        while (next.isPresent()) {
            HeldRecords.Row row = next.get();
            if (!held.claim(row.id())) {
                return released;
            }
            if (!decided(scope, row)) {
                return released;
            }
            metrics.released();
            released++;
            next = held.first(scope);
        }
        return released;
    }

    /** Decides the claimed row; true when it was decided and released, else it is left with its claim let go. */
    private boolean decided(HeldRecords.Scope scope, HeldRecords.Row row) {
        Optional<HeldRecords.Held> record;
        try {
            record = held.open(row);
        } catch (MasterKeySeal.Unopenable altered) {
            held.stillFailing(row.id(), HeldRecords.UNOPENABLE);
            log.error("Held partner record {}-{}@{} does not open: altered, or moved; its youth's later records "
                    + "wait behind it", row.topic(), row.partition(), row.offset());
            return false;
        }
        if (record.isEmpty()) {
            held.stillFailing(row.id(), HeldRecords.MASTER_KEY_UNKNOWN);
            return false;
        }
        try {
            listener.decide(record.get().record());
        } catch (IntakeRefusal.RefusedException busy) {
            // A moment's overload, not the record's fault: its reason and attempts stay, the next pass tries.
            held.unclaim(row.id());
            return false;
        } catch (RuntimeException failure) {
            if (DependencyFailures.notTheRecords(failure) || failure instanceof DeadLetters.Unacknowledged) {
                // Not the record's failure: its reason and attempts stay, the next pass tries.
                unclaimIfAble(row.id());
                return false;
            }
            held.stillFailing(row.id(), DependencyFailures.classesOf(failure));
            log.warn("Held partner record {} failed again ({}); its youth's later records wait behind it",
                    KafkaIntakeListener.placeOf(record.get().record()), failure.getClass().getName());
            return false;
        }
        held.release(record.get(), scope);
        return true;
    }

    /** With the database away the claim stays until its term ends: the youth waits that long, nothing is lost. */
    private void unclaimIfAble(long id) {
        try {
            held.unclaim(id);
        } catch (RuntimeException away) {
            log.warn("A held partner record's claim is left to lapse: {}", away.getClass().getName());
        }
    }
}
