package nl.ketenbus.query.audit;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends access records to the chain, in a transaction of their own that has committed when
 * {@link #append} returns: a caller returns data only after that. Appends lock the chain head, so
 * concurrent readers extend one chain in turn and never fork it.
 */
@Component
public class AccessLog {

    private final JdbcTemplate jdbc;
    private final ChainHash chainHash;
    private final TransactionTemplate ownTransaction;
    private final Map<AccessRecord.Status, Counter> written;
    private final boolean disabledForBenchmark;

    AccessLog(JdbcTemplate jdbc, SigningKeys keys, PlatformTransactionManager transactions, MeterRegistry meters,
              @Value("${ketenbus.audit.disabled-for-benchmark:false}") boolean disabledForBenchmark) {
        this.jdbc = jdbc;
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
                        .tag("status", status.name().toLowerCase(Locale.ROOT))
                        .register(meters)));
    }

    /** Writes the records durably, or throws {@link AccessLogUnavailable}. */
    public void append(List<AccessRecord> records) {
        if (records.isEmpty() || disabledForBenchmark) {
            return;
        }
        try {
            ownTransaction.executeWithoutResult(status -> write(records));
        } catch (RuntimeException e) {
            throw new AccessLogUnavailable(e);
        }
        records.forEach(record -> written.get(record.status()).increment());
    }

    /** Whether records are written; false only on a benchmark's baseline node, which is never ready. */
    public boolean enabled() {
        return !disabledForBenchmark;
    }

    private void write(List<AccessRecord> records) {
        Map<String, Object> head = jdbc.queryForMap("select seq, hash from access_log_head where id = 1 for update");
        long seq = ((Number) head.get("seq")).longValue();
        String previous = (String) head.get("hash");
        for (AccessRecord record : records) {
            seq++;
            String hash = chainHash.of(seq, previous, record);
            insert(seq, previous, hash, record);
            previous = hash;
        }
        jdbc.update("update access_log_head set seq = ?, hash = ? where id = 1", seq, previous);
    }

    private void insert(long seq, String previous, String hash, AccessRecord record) {
        jdbc.update(connection -> {
            var insert = connection.prepareStatement("insert into access_log (seq, trace_id, span_id, action, "
                    + "started_at, ended_at, status, processing_activity, subject_ref, subject_ref_type, user_id, "
                    + "organisation, user_role, purpose, case_ids, covenant_id, covenant_version, rule_ids, break_glass, "
                    + "categories_shown, entries_shown, detail, prev_hash, hash) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            insert.setLong(1, seq);
            insert.setString(2, record.traceId());
            insert.setString(3, record.spanId());
            insert.setString(4, record.action());
            insert.setTimestamp(5, Timestamp.from(record.startedAt()));
            insert.setTimestamp(6, Timestamp.from(record.endedAt()));
            insert.setString(7, record.status().name().toLowerCase(Locale.ROOT));
            insert.setString(8, record.processingActivity());
            insert.setString(9, record.subjectRef());
            insert.setString(10, record.subjectRef() == null ? null : AccessRecord.SUBJECT_TYPE);
            insert.setString(11, record.userId());
            insert.setString(12, record.organisation());
            insert.setString(13, record.role());
            insert.setString(14, record.purpose());
            insert.setArray(15, connection.createArrayOf("text", record.caseIds().toArray()));
            insert.setString(16, record.covenantId());
            insert.setObject(17, record.covenantVersion());
            insert.setArray(18, connection.createArrayOf("text", record.ruleIds().toArray()));
            insert.setBoolean(19, record.breakGlass());
            insert.setArray(20, connection.createArrayOf("text", record.categoriesShown().toArray()));
            insert.setInt(21, record.entriesShown());
            insert.setString(22, record.detail());
            insert.setString(23, previous);
            insert.setString(24, hash);
            return insert;
        });
    }
}
