package nl.ketenbus.command.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes intake receipts older than their retention period (docs/operations.md): a receipt
 * outlives its use once no partner resends that event. Deletes in small batches so that intake,
 * which writes receipts all the time, never waits long. Every node may run it; a receipt gone is
 * gone for all of them, and a delete that finds nothing costs one indexed probe.
 */
@Component
class ReceiptPurge {

    private static final Logger log = LoggerFactory.getLogger(ReceiptPurge.class);
    private static final int BATCH = 5_000;

    private final JdbcTemplate jdbc;
    private final IntakeProperties properties;
    private final Clock clock;

    ReceiptPurge(JdbcTemplate jdbc, IntakeProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ketenbus.intake.receipt-purge-interval:PT6H}", initialDelayString = "PT1M")
    void purgeScheduled() {
        try {
            purge();
        } catch (RuntimeException failure) {
            // The next run tries again; a receipt kept a little longer than its period harms no one.
            log.warn("Purging old intake receipts failed: {}", failure.getClass().getSimpleName());
        }
    }

    /** Deletes every receipt received before the retention period began; returns how many. */
    long purge() {
        Instant before = clock.instant().atOffset(ZoneOffset.UTC).minus(properties.receiptRetention()).toInstant();
        long purged = 0;
        int deleted;
        do {
            deleted = jdbc.update("delete from intake_receipt where ctid in (select ctid from intake_receipt "
                    + "where received_at < ? limit ?)", java.sql.Timestamp.from(before), BATCH);
            purged += deleted;
        } while (deleted == BATCH);
        if (purged > 0) {
            log.info("Purged {} intake receipts received before {}", purged, before);
        }
        return purged;
    }
}
