package nl.ketenbus.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
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
 * ({@code access_log_pending}, checked against the log's types and keyed with the chain key's HMAC) and chained
 * into the log once it has committed, in a transaction that removes them from the pending ones; a change that
 * does not commit leaves an {@code ERROR} record of the attempt instead. Pending rows whose chaining failed
 * after the commit (the database gone, the node stopped) are chained by any node's sweep. The change's own
 * transaction never locks the chain's head, so a change that hangs before its commit holds up no reader's
 * record.
 */
@Component
public class ChangeRecords {

    private static final Logger log = LoggerFactory.getLogger(ChangeRecords.class);
    static final String ROLLED_BACK = "not made: the change's transaction rolled back after its record was written";
    static final String NOT_CONFIRMED = "commit not confirmed: the change was made only if an ok record of this "
            + "trace follows";
    /** Where a pending record's HMAC sits apart from every chained record's (whose sequence numbers start at 1). */
    private static final long PENDING = -1;
    private static final String TAKE = "select id, nonce, mac, taken_record.* from access_log_pending "
            + "cross join lateral jsonb_populate_record(null::access_log, record) taken_record "
            + "where nonce = any(?) and refused_at is null order by id for update of access_log_pending skip locked";

    private final JdbcTemplate jdbc;
    private final AccessLog accessLog;
    private final ChainKeyCheck keyCheck;
    private final ChainHash chainHash;
    private final TransactionTemplate ownTransaction;
    private final Duration sweepAfter;
    private final Counter chainedBySweep;
    private final Counter notCommitted;
    private final Counter refused;

    ChangeRecords(JdbcTemplate jdbc, AccessLog accessLog, ChainKeyCheck keyCheck, SigningKeys keys,
                  PlatformTransactionManager transactions, MeterRegistry meters,
                  @Value("${ketenbus.audit.pending-sweep-after:60s}") Duration sweepAfter) {
        this.jdbc = jdbc;
        this.accessLog = accessLog;
        this.keyCheck = keyCheck;
        this.chainHash = keys.chainHash();
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.sweepAfter = sweepAfter;
        this.chainedBySweep = Counter.builder("ketenbus.audit.pending.swept")
                .description("Access records of committed changes chained by the sweep, not right after the commit")
                .register(meters);
        this.notCommitted = Counter.builder("ketenbus.audit.changes.not.committed")
                .description("Changes whose transaction did not commit after their access records were written")
                .register(meters);
        this.refused = Counter.builder("ketenbus.audit.pending.refused")
                .description("Pending access records whose HMAC did not hold: written by someone without the key")
                .register(meters);
    }

    /**
     * Refuses a change this node could not chain a record of (its key file is not the log's; such a node is not
     * ready either): asked before the change runs, so that nothing of it is carried out, here or elsewhere.
     */
    public void requireWritable() {
        if (accessLog.enabled() && !keyCheck.matches()) {
            throw new AccessLogUnavailable(new IllegalStateException(ChainKeyCheck.MISMATCH));
        }
    }

    /**
     * Writes the change's records in the caller's transaction (which must be active): chained into the log
     * once it commits; if it does not, each is logged failed instead. A record the log's types cannot hold, or
     * a database that does not take it, fails the change with {@link AccessLogUnavailable}.
     */
    public void append(List<AccessRecord> records) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a change's access records are written in the change's transaction");
        }
        if (records.isEmpty() || !accessLog.enabled()) {
            return;
        }
        requireWritable();
        List<Object[]> rows = new ArrayList<>(records.size());
        List<UUID> nonces = new ArrayList<>(records.size());
        for (AccessRecord record : records) {
            UUID nonce = UUID.randomUUID();
            nonces.add(nonce);
            rows.add(new Object[] {nonce, mac(nonce, record),
                    AppendedRecords.json(List.of(new AppendedRecords.Row(0, null, null, record)))});
        }
        try {
            // Through access_log's row type: a value its columns cannot hold fails here, with the change.
            jdbc.batchUpdate("insert into access_log_pending (nonce, mac, record) "
                    + "values (?, ?, to_jsonb(jsonb_populate_record(null::access_log, (?::jsonb) -> 0)))", rows);
        } catch (DataAccessException notWritten) {
            throw new AccessLogUnavailable(notWritten);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    chain(nonces);
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

    /**
     * Chains the pending records with these nonces that no other transaction is chaining and whose HMAC holds;
     * marks those whose HMAC does not hold refused. How many it chained.
     */
    int chain(List<UUID> nonces) {
        if (!accessLog.enabled() || !keyCheck.matches()) {
            // A benchmark's baseline node writes no record, so it takes none from the nodes that do; a node with
            // another key file would find every row's HMAC wrong and mark it refused: it leaves them to the others.
            return 0;
        }
        List<Long> forged = new ArrayList<>();
        Integer chained = ownTransaction.execute(status -> {
            forged.clear();
            List<AccessRecord> records = new ArrayList<>();
            List<Long> taken = new ArrayList<>();
            jdbc.query(TAKE, row -> {
                AccessRecord record = StoredRecords.of(row);
                byte[] expected = mac(row.getObject("nonce", UUID.class), record).getBytes(StandardCharsets.US_ASCII);
                byte[] stored = row.getString("mac").getBytes(StandardCharsets.US_ASCII);
                boolean holds = MessageDigest.isEqual(expected, stored);
                (holds ? taken : forged).add(row.getLong("id"));
                if (holds) {
                    records.add(record);
                }
            }, (Object) nonces.toArray(UUID[]::new));
            if (!forged.isEmpty()) {
                jdbc.update("update access_log_pending set refused_at = now() where id = any(?)",
                        (Object) forged.toArray(Long[]::new));
            }
            jdbc.update("delete from access_log_pending where id = any(?)", (Object) taken.toArray(Long[]::new));
            accessLog.appendInTransaction(records);
            return records.size();
        });
        if (!forged.isEmpty()) {
            // Counted and told once the marks are committed: a transaction that failed marks nothing, and the next
            // attempt would count the same rows again.
            refused.increment(forged.size());
            log.error("{} pending access records were not written by a node holding the chain key: not chained, "
                    + "marked refused in access_log_pending (ids {})", forged.size(), forged);
        }
        return chained == null ? 0 : chained;
    }

    /** Chains the records of changes committed at least {@code ketenbus.audit.pending-sweep-after} ago. */
    @Scheduled(initialDelayString = "${ketenbus.audit.pending-sweep:30s}",
            fixedDelayString = "${ketenbus.audit.pending-sweep:30s}")
    void sweep() {
        if (!accessLog.enabled()) {
            return;
        }
        try {
            List<UUID> left = jdbc.queryForList("select nonce from access_log_pending where refused_at is null "
                    + "and created_at < now() - make_interval(secs => ?) order by id limit 1000", UUID.class,
                    sweepAfter.toMillis() / 1000.0);
            int chained = left.isEmpty() ? 0 : chain(left);
            if (chained > 0) {
                chainedBySweep.increment(chained);
                log.warn("Chained {} access records of committed changes that were not chained at their commit",
                        chained);
            }
        } catch (RuntimeException e) {
            log.warn("The sweep of pending access records failed; it tries again: {}", e.getClass().getSimpleName());
        }
    }

    /** The chain key's HMAC over the nonce and the record, apart from every chained record's hash. */
    private String mac(UUID nonce, AccessRecord record) {
        return chainHash.of(PENDING, "pending:" + nonce, record);
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
