package nl.ketenbus.query.audit;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access records of a change, committed with it: the privacy officer's log says a change was made
 * exactly when it was. The records are written in the change's own transaction as pending rows
 * ({@code access_log_pending}) and chained into the log once it has committed, in a transaction that
 * removes them from the pending ones; a change that does not commit leaves an {@code ERROR} record of
 * the attempt instead. Pending rows whose chaining failed after the commit (the database gone, the node
 * stopped) are chained by any node's sweep. The change's own transaction never locks the chain's head,
 * so a change that hangs before its commit holds up no reader's record.
 */
@Component
public class ChangeRecords {

    private static final Logger log = LoggerFactory.getLogger(ChangeRecords.class);
    static final String ROLLED_BACK = "not made: the change's transaction rolled back after its record was written";
    static final String NOT_CONFIRMED = "commit not confirmed: the change was made only if an ok record of this "
            + "trace follows";
    private static final String TAKE = "with taken as (select id from access_log_pending where id = any(?) "
            + "order by id for update skip locked), "
            + "gone as (delete from access_log_pending pending using taken where pending.id = taken.id "
            + "returning pending.id, pending.record) "
            + "select taken_record.* from gone "
            + "cross join lateral jsonb_populate_record(null::access_log, gone.record) taken_record "
            + "order by gone.id";

    private final JdbcTemplate jdbc;
    private final AccessLog accessLog;
    private final ChainKeyCheck keyCheck;
    private final TransactionTemplate ownTransaction;
    private final Duration sweepAfter;
    private final Counter chainedBySweep;
    private final Counter notCommitted;

    ChangeRecords(JdbcTemplate jdbc, AccessLog accessLog, ChainKeyCheck keyCheck,
                  PlatformTransactionManager transactions, MeterRegistry meters, @Value("${ketenbus.audit.pending-sweep-after:60s}") Duration sweepAfter) {
        this.jdbc = jdbc;
        this.accessLog = accessLog;
        this.keyCheck = keyCheck;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.sweepAfter = sweepAfter;
        this.chainedBySweep = Counter.builder("ketenbus.audit.pending.swept")
                .description("Access records of committed changes chained by the sweep, not right after the commit")
                .register(meters);
        this.notCommitted = Counter.builder("ketenbus.audit.changes.not.committed")
                .description("Changes whose transaction did not commit after their access records were written")
                .register(meters);
    }

    /**
     * Writes the change's records in the caller's transaction (which must be active): chained into the log
     * once it commits; if it does not, each is logged failed instead. A node whose key does not match the
     * log's (which is not ready either) makes no change: it could not chain its record.
     */
    public void append(List<AccessRecord> records) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a change's access records are written in the change's transaction");
        }
        if (records.isEmpty() || !accessLog.enabled()) {
            return;
        }
        if (!keyCheck.matches()) {
            throw new AccessLogUnavailable(new IllegalStateException(ChainKeyCheck.MISMATCH));
        }
        List<Long> ids = jdbc.queryForList("insert into access_log_pending (record) select value from "
                + "jsonb_array_elements(?::jsonb) with ordinality order by ordinality returning id", Long.class,
                AppendedRecords.json(records.stream().map(record -> new AppendedRecords.Row(0, null, null, record))
                        .toList()));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    chain(ids);
                } catch (RuntimeException e) {
                    // Committed with the change: the sweep chains them, on this node or another.
                    log.warn("A committed change's access records ({}) wait for the sweep: {}", records.get(0)
                            .action(), e.getClass().getSimpleName());
                }
            }

            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    notCommitted.increment();
                    logFailed(records, status == STATUS_ROLLED_BACK ? ROLLED_BACK : NOT_CONFIRMED);
                }
            }
        });
    }

    /** Chains the pending records with these ids that no other transaction is chaining; how many it chained. */
    int chain(List<Long> ids) {
        Integer chained = ownTransaction.execute(status -> {
            List<AccessRecord> records = jdbc.query(TAKE, (row, index) -> StoredRecords.of(row),
                    (Object) ids.toArray(Long[]::new));
            accessLog.appendInTransaction(records);
            return records.size();
        });
        return chained == null ? 0 : chained;
    }

    /** Chains the records of changes committed at least {@code ketenbus.audit.pending-sweep-after} ago. */
    @Scheduled(initialDelayString = "${ketenbus.audit.pending-sweep:30s}",
            fixedDelayString = "${ketenbus.audit.pending-sweep:30s}")
    void sweep() {
        try {
            List<Long> left = jdbc.queryForList("select id from access_log_pending where created_at < ? "
                    + "order by id limit 1000", Long.class, Timestamp.from(Instant.now().minus(sweepAfter)));
            if (!left.isEmpty()) {
                int chained = chain(left);
                chainedBySweep.increment(chained);
                log.warn("Chained {} access records of committed changes that were not chained at their commit",
                        chained);
            }
        } catch (RuntimeException e) {
            log.warn("The sweep of pending access records failed; it tries again: {}", e.getClass().getSimpleName());
        }
    }

    /** The attempt logged failed: a change that did not commit is not shown as made, nor left out. */
    private void logFailed(List<AccessRecord> records, String why) {
        Instant now = Instant.now();
        try {
            accessLog.append(records.stream().map(record -> record.failed(now, why)).toList());
        } catch (AccessLogUnavailable unavailable) {
            log.warn("A change that did not commit ({}) could not be logged as failed: the access log is unavailable",
                    records.get(0).action());
        }
    }
}
