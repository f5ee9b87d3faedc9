package nl.ketenbus.query.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import nl.ketenbus.security.DependencyFailures;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends access records to the chain, in a transaction of their own that has committed when
 * {@link #append} returns: a caller returns data only after that. Appends lock the chain head, so
 * concurrent readers extend one chain in turn and never fork it; on each node one writer commits the
 * records of every reader waiting at that moment together ({@link GroupCommit}), so the head is locked
 * once per commit rather than once per read (one transaction per read serialised every audited read
 * of the installation, docs/benchmarks.md). A commit takes one round trip ({@code access_log_append})
 * when the head is where this node's last commit left it, and a second when another node has moved it
 * since (the first one's answer says where it is); for the node's first commit, and when the head moved
 * again in between, it locks the head in a transaction of its own. Each append signs the new head,
 * and the node remembers the highest record it wrote: a head set back to an earlier record needs
 * the signing key, and while this node runs its verifier notices it even then.
 */
@Component
public class AccessLog {

    /** Records in one commit, so that one commit's JSON stays some megabytes at most (about 1 KB a record). */
    private static final int MAX_RECORDS_PER_COMMIT = 2_000;
    private static final String ONE_ROUND_TRIP = "one-round-trip";
    private static final String LOCKED = "locked";
    /** A change's records, chained in a transaction of their own once the change has committed. */
    private static final String CHANGE = "change";

    private final JdbcTemplate jdbc;
    private final ChainHash chainHash;
    private final TransactionTemplate ownTransaction;
    private final Map<AccessRecord.Status, Counter> written;
    private final boolean disabledForBenchmark;
    private final ChainKeyCheck keyCheck;
    private final SigningKeys keys;
    private final AtomicLong highestWritten = new AtomicLong();
    private final GroupCommit<AccessRecord> commits;
    private final Map<String, Counter> commitsByWay;
    private final Duration appendTimeout;
    /** The head this node's last commit left; null before its first. Used by the writer thread only. */
    private Head knownHead;

    AccessLog(JdbcTemplate jdbc, SigningKeys keys, ChainKeyCheck keyCheck, PlatformTransactionManager transactions,
              MeterRegistry meters,
              @Value("${ketenbus.audit.disabled-for-benchmark:false}") boolean disabledForBenchmark,
              @Value("${ketenbus.audit.append-timeout:2s}") Duration appendTimeout) {
        this.jdbc = jdbc;
        this.keyCheck = keyCheck;
        this.keys = keys;
        this.disabledForBenchmark = disabledForBenchmark;
        if (disabledForBenchmark) {
            LoggerFactory.getLogger(AccessLog.class).error("THE ACCESS LOG IS DISABLED (ketenbus.audit."
                    + "disabled-for-benchmark): reads are not logged and this node is never ready; benchmarks only");
        }
        this.chainHash = keys.chainHash();
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.written = Arrays.stream(AccessRecord.Status.values()).collect(Collectors.toUnmodifiableMap(
                status -> status, status -> Counter.builder("ketenbus.audit.records")
                        .description("Access records written, by status")
                        .tag("status", statusName(status))
                        .register(meters)));
        this.commitsByWay = Stream.of(ONE_ROUND_TRIP, LOCKED, CHANGE).collect(Collectors.toUnmodifiableMap(way -> way,
                way -> Counter.builder("ketenbus.audit.commits")
                        .description("The access log's commits: the writer's in one round trip at the head the node "
                                + "expected, or locked in a transaction of their own; a change's records after it")
                        .tag("way", way)
                        .register(meters)));
        this.appendTimeout = appendTimeout;
        this.commits = new GroupCommit<>("access-log-writer", this::commit,
                failure -> !DependencyFailures.databaseUnavailable(failure), 10_000, MAX_RECORDS_PER_COMMIT);
    }

    /** Writes the records durably, or throws {@link AccessLogUnavailable}. */
    public void append(List<AccessRecord> records) {
        if (records.isEmpty() || disabledForBenchmark) {
            return;
        }
        try {
            if (!keyCheck.matches()) {
                throw new IllegalStateException(ChainKeyCheck.MISMATCH);
            }
            commits.submit(records, appendTimeout);
        } catch (RuntimeException | TimeoutException e) {
            throw new AccessLogUnavailable(e);
        }
        records.forEach(record -> written.get(record.status()).increment());
    }

    /**
     * Appends the records in the caller's transaction, the head locked until it ends: for records that must
     * commit with other work of that transaction ({@link ChangeRecords} chains a change's records and removes
     * them from the pending ones together). Counted and remembered once that transaction has committed.
     */
    void appendInTransaction(List<AccessRecord> records) {
        if (records.isEmpty() || disabledForBenchmark) {
            return;
        }
        if (!keyCheck.matches()) {
            throw new IllegalStateException(ChainKeyCheck.MISMATCH);
        }
        Head head = write(records);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                commitsByWay.get(CHANGE).increment();
                highestWritten.accumulateAndGet(head.seq(), Math::max);
                records.forEach(record -> written.get(record.status()).increment());
            }
        });
    }

    /**
     * The writer's commit of every waiting reader's records: in one round trip at the head this node
     * expects, else in a transaction of its own that locks the head first.
     */
    private void commit(List<AccessRecord> records) {
        Head head = appendInOneRoundTrip(records).orElseGet(() -> ownTransaction.execute(status -> write(records)));
        commitsByWay.get(head.way()).increment();
        // Only once committed: what this node remembers is always in the database's log.
        knownHead = head;
        highestWritten.accumulateAndGet(head.seq(), Math::max);
    }

    /**
     * One round trip ({@code access_log_append}, which commits on its own): at the head this node's last
     * commit left and, if another node has moved it since, once more at the head the database answered.
     * Empty before this node's first commit and when the head moved again in between.
     */
    private Optional<Head> appendInOneRoundTrip(List<AccessRecord> records) {
        Head expected = knownHead;
        for (int attempt = 0; expected != null && attempt < 2; attempt++) {
            Answer answer = append(expected.seq(), expected.hash(), records, ONE_ROUND_TRIP);
            if (answer.appended()) {
                return Optional.of(answer.head());
            }
            expected = answer.head();
        }
        return Optional.empty();
    }

    /**
     * The records chained after the head ({@code seq}, {@code hash}) and {@code access_log_append}'s answer:
     * appended, or the head it found instead.
     */
    private Answer append(long seq, String hash, List<AccessRecord> records, String way) {
        Chained chained = chain(seq, hash, records);
        return jdbc.queryForObject("select appended, head_seq, head_hash from "
                        + "access_log_append(?, ?, ?::jsonb, ?, ?, ?, ?)",
                (row, index) -> new Answer(row.getBoolean(1), new Head(row.getLong(2), row.getString(3), way)),
                seq, hash, AppendedRecords.json(chained.rows()), chained.last(), chained.lastHash(),
                chained.signature(), keys.keyId());
    }

    @PreDestroy
    void stop() {
        commits.close();
    }

    /** The highest record this node has written since it started (0 before its first append). */
    long highestWritten() {
        return highestWritten.get();
    }

    /** What the head's signature covers: distinct from a checkpoint's content, so neither passes for the other. */
    static String headContent(long seq, String hash) {
        return "head:" + seq + ":" + hash;
    }

    /**
     * Whether the head (a row of {@code access_log_head}) carries a trusted signature. A head from
     * before heads were signed (V12) counts as signed where a signed checkpoint vouches for it, as the
     * shutdown checkpoint of the release before does; the first append signs it.
     */
    static boolean headSigned(SigningKeys keys, Map<String, Object> head, BooleanSupplier vouchedByCheckpoint) {
        long seq = ((Number) head.get("seq")).longValue();
        String hash = (String) head.get("hash");
        Object signature = head.get("signature");
        if (signature == null) {
            return seq == 0 || vouchedByCheckpoint.getAsBoolean();
        }
        return keys.verifies((String) head.get("key_id"), headContent(seq, hash), (String) signature);
    }

    /** A status as stored and as the metric's tag names it. */
    static String statusName(AccessRecord.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** Whether records are written; false only on a benchmark's baseline node, which is never ready. */
    public boolean enabled() {
        return !disabledForBenchmark;
    }

    /**
     * The locked way, three round trips however many readers' records the commit holds: lock the head,
     * append after it (the function finds the head it expects, since this transaction holds it), commit.
     */
    private Head write(List<AccessRecord> records) {
        // The head's id as a parameter: the driver then prepares the statement once per connection,
        // where a constant in its text made the server plan it at every commit.
        Map<String, Object> head = jdbc.queryForMap("select seq, hash from access_log_head where id = ? for update", 1);
        Answer answer = append(((Number) head.get("seq")).longValue(), (String) head.get("hash"), records, LOCKED);
        if (!answer.appended()) {
            throw new IllegalStateException("the access log's head moved while this transaction held it");
        }
        return answer.head();
    }

    /** The records chained after the head ({@code seq}, {@code previous}), and the new head signed. */
    private Chained chain(long seq, String previous, List<AccessRecord> records) {
        List<AppendedRecords.Row> rows = new ArrayList<>(records.size());
        for (AccessRecord record : records) {
            seq++;
            String hash = chainHash.of(seq, previous, record);
            rows.add(new AppendedRecords.Row(seq, previous, hash, record));
            previous = hash;
        }
        return new Chained(rows, seq, previous, keys.sign(headContent(seq, previous)));
    }

    private record Chained(List<AppendedRecords.Row> rows, long last, String lastHash, String signature) {
    }

    /** The chain's head after a commit, and which way the commit went (for the metric). */
    private record Head(long seq, String hash, String way) {
    }

    private record Answer(boolean appended, Head head) {
    }
}
