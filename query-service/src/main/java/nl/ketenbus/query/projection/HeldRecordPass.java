package nl.ketenbus.query.projection;

import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.security.DependencyFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the held backbone records again (ADR 0033), every {@code ketenbus.projection.held-retry-interval}: youth
 * by youth, each youth's in the topic's order, each record in a transaction of its own with its release. One that
 * fails again stays with its new reason and its youth's later records wait behind it until the next pass (after
 * a fix); one no release can read after all stays parked as such and no longer holds its youth. Passes on two
 * nodes take a record in turn (its row is locked while it is applied), and the read models apply an event once.
 */
@Component
class HeldRecordPass {

    private static final Logger log = LoggerFactory.getLogger(HeldRecordPass.class);

    private final ParkedRecords parked;
    private final HeldYouths heldYouths;
    private final Projector projector;
    private final SubjectLocks locks;
    private final TransactionTemplate transaction;
    private final CloudEventRecords reader = new CloudEventRecords();
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    HeldRecordPass(ParkedRecords parked, HeldYouths heldYouths, Projector projector, SubjectLocks locks,
                   PlatformTransactionManager transactions, MeterRegistry meters) {
        this.locks = locks;
        this.parked = parked;
        this.heldYouths = heldYouths;
        this.projector = projector;
        this.transaction = new TransactionTemplate(transactions);
        Gauge.builder("ketenbus.projection.held.records", count, AtomicLong::get)
                .description("Backbone records held: not applicable, or behind one of their youth that was not")
                .register(meters);
        Gauge.builder("ketenbus.projection.held.oldest", oldestSeconds, AtomicLong::get).baseUnit("seconds")
                .description("How long the longest-held backbone record has been held").register(meters);
    }

    @Scheduled(fixedDelayString = "${ketenbus.projection.held-retry-interval:PT1M}",
            initialDelayString = "${ketenbus.projection.held-retry-interval:PT1M}")
    void scheduled() {
        try {
            int applied = retry();
            if (applied > 0 || count.get() > 0) {
                log.info("Held backbone records: {} applied, {} still held", applied, count.get());
            }
        } catch (RuntimeException failure) {
            log.warn("Applying the held backbone records stopped: {}", failure.getClass().getName());
        }
    }

    /** One pass; how many records it applied. The gauges are measured at its end, if the database answers. */
    int retry() {
        int applied = 0;
        try {
            for (String youth : heldYouths.reload()) {
                try {
                    applied += retry(youth);
                } catch (RuntimeException failure) {
                    log.warn("Held backbone records of one youth not tried: {}", failure.getClass().getName());
                }
            }
        } finally {
            long[] held = parked.heldCountAndOldest();
            count.set(held[0]);
            oldestSeconds.set(held[1]);
        }
        return applied;
    }

    /** The youth's held records in their order, until one fails again; how many it applied. */
    int retry(String youth) {
        int applied = 0;
        Optional<ParkedRecord.Position> next = parked.firstHeld(youth);
        while (next.isPresent()) {
            ParkedRecord.Position at = next.get();
            try {
                if (Boolean.TRUE.equals(transaction.execute(status -> apply(youth, at)))) {
                    applied++;
                }
            } catch (RuntimeException failure) {
                if (DependencyFailures.notTheRecords(failure)) {
                    // Not the record's failure: its reason and attempts stay, the next pass tries.
                    return applied;
                }
                parked.stillFailing(at, ProjectionConsumer.FAILED + DependencyFailures.classesOf(failure));
                log.warn("Held backbone record {}-{}@{} failed again ({}); its youth's later records wait behind it",
                        at.topic(), at.partition(), at.offset(), failure.getClass().getName());
                return applied;
            }
            next = parked.firstHeld(youth);
        }
        return applied;
    }

    /**
     * Applies the held record there and lets it go; false when it was gone or turned out unreadable. Its youth's
     * lock first, then its row: the live projection holds the youth's lock when an erasure deletes the row.
     */
    private boolean apply(String youth, ParkedRecord.Position at) {
        locks.lock(List.of(youth));
        return parked.lock(at).map(record -> {
            try {
                projector.apply(List.of(reader.read(record)), new HashMap<>());
                parked.release(at);
                return true;
            } catch (CloudEventRecords.UnprojectableRecord unusable) {
                parked.unusableAfterAll(at, unusable.getMessage());
                return false;
            }
        }).orElse(false);
    }
}
