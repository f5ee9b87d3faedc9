package nl.ketenbus.command.identity;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotates the master key while the service runs: every data key not yet wrapped with the current
 * master key is opened with the one that wrapped it and wrapped again with the current one, in
 * small batches, each batch its own transaction. The progress is the rows themselves, so a node
 * killed halfway simply continues at its next run, and two nodes never re-wrap the same key twice
 * (the row is locked while it is re-wrapped). A key no master key of this node opens is counted and
 * left alone, never guessed at. {@code ketenbus_crypto_data_keys_under_previous_master} says how
 * many are left: at 0 the previous master keys can be removed from the configuration.
 */
@Component
class MasterKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyRotation.class);
    private static final int BATCH = 500;

    /** What one run did. */
    record Run(long rewrapped, long unopenable, long left) {
    }

    private record Row(String subjectRef, int version) {
    }

    private final JdbcTemplate jdbc;
    private final SubjectKeys keys;
    private final TransactionTemplate transaction;
    private final AtomicLong left = new AtomicLong();

    MasterKeyRotation(JdbcTemplate jdbc, SubjectKeys keys, TransactionTemplate transaction, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.transaction = transaction;
        Gauge.builder("ketenbus.crypto.data-keys.under-previous-master", left, AtomicLong::get)
                .description("Data keys not yet re-wrapped with the current master key").register(meters);
    }

    @Scheduled(fixedDelayString = "${ketenbus.crypto.rotation-interval:PT1M}", initialDelayString = "PT15S")
    void rotateScheduled() {
        try {
            Run run = rotate(Integer.MAX_VALUE);
            if (run.rewrapped() > 0 || run.unopenable() > 0) {
                log.info("Master-key rotation: {} data keys re-wrapped with master key {}, {} not openable here, "
                        + "{} left", run.rewrapped(), keys.currentMasterKeyId(), run.unopenable(), run.left());
            }
        } catch (RuntimeException failure) {
            // The next run continues where this one stopped; nothing is half re-wrapped.
            log.warn("Master-key rotation stopped: {}", failure.getClass().getSimpleName());
        }
    }

    /** Re-wraps up to {@code batches} batches of data keys under a previous master key. */
    Run rotate(int batches) {
        String current = keys.currentMasterKeyId();
        Row after = new Row("", 0);
        long rewrapped = 0;
        long unopenable = 0;
        for (int batch = 0; batch < batches; batch++) {
            List<Row> rows = jdbc.query("select subject_ref, key_version from subject_key "
                            + "where wrapped_key is not null and (master_key_id is null or master_key_id <> ?) "
                            + "and (subject_ref, key_version) > (?, ?) "
                            + "order by subject_ref, key_version limit ?",
                    (row, index) -> new Row(row.getString(1), row.getInt(2)), current, after.subjectRef(),
                    after.version(), BATCH);
            if (rows.isEmpty()) {
                break;
            }
            long[] done = transaction.execute(status -> rewrapAll(rows));
            rewrapped += done[0];
            unopenable += done[1];
            after = rows.get(rows.size() - 1);
        }
        long remaining = jdbc.queryForObject("select count(*) from subject_key where wrapped_key is not null "
                + "and (master_key_id is null or master_key_id <> ?)", Long.class, current);
        left.set(remaining);
        return new Run(rewrapped, unopenable, remaining);
    }

    private long[] rewrapAll(List<Row> rows) {
        long[] done = new long[2];
        for (Row row : rows) {
            try {
                if (keys.rewrap(row.subjectRef(), row.version())) {
                    done[0]++;
                }
            } catch (IllegalStateException unopenable) {
                done[1]++;
            }
        }
        return done;
    }
}
