package nl.ketenbus.query.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signs the chain head every few minutes ({@code ketenbus.audit.checkpoint-interval}, default 2
 * minutes) and at shutdown, so that cutting records off the end of the chain, or rewriting it
 * whole, is caught by the verifier; and exports each checkpoint out of the database
 * ({@link CheckpointExport}). A checkpoint whose export failed is exported at the next round.
 */
@Component
public class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    private final JdbcTemplate jdbc;
    private final SigningKeys keys;
    private final CheckpointExport export;
    private final AccessLog accessLog;
    private final Counter exported;
    private final Counter notExported;
    private long exportedUpTo;

    Checkpoints(JdbcTemplate jdbc, SigningKeys keys, CheckpointExport export, AccessLog accessLog,
                MeterRegistry meters) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.export = export;
        this.accessLog = accessLog;
        this.exported = exports(meters, "exported");
        this.notExported = exports(meters, "failed");
    }

    private static Counter exports(MeterRegistry meters, String outcome) {
        return Counter.builder("ketenbus.audit.checkpoint.exports").tag("outcome", outcome)
                .description("Signed checkpoints of the access log exported out of the database, by outcome")
                .register(meters);
    }

    static String content(long seq, String hash) {
        return seq + ":" + hash;
    }

    @Scheduled(fixedDelayString = "${ketenbus.audit.checkpoint-interval:PT2M}",
            initialDelayString = "${ketenbus.audit.checkpoint-interval:PT2M}")
    public synchronized void checkpoint() {
        // Before the head is read: every record this node wrote up to here is under that head.
        long written = accessLog.highestWritten();
        Map<String, Object> head = jdbc.queryForMap("select seq, hash, key_id, signature from access_log_head "
                + "where id = 1");
        long seq = ((Number) head.get("seq")).longValue();
        String hash = (String) head.get("hash");
        if (seq == 0) {
            return;
        }
        if (!trusted(head, seq, hash, written)) {
            // Signing it would vouch for a forged head; the verifier reports the log as altered.
            log.error("The access log's head at record {} is not one this service wrote; no checkpoint signed", seq);
            return;
        }
        List<CheckpointExport.Exported> known = jdbc.query("select signed_at, key_id, signature "
                + "from access_log_checkpoint where seq = ? and hash = ? order by signed_at limit 1",
                (row, n) -> new CheckpointExport.Exported(seq, hash, row.getTimestamp("signed_at").toInstant(),
                        row.getString("key_id"), row.getString("signature")), seq, hash);
        CheckpointExport.Exported checkpoint = known.isEmpty() ? sign(seq, hash) : known.get(0);
        if (exportedUpTo >= seq) {
            return;
        }
        try {
            export.export(checkpoint);
            exportedUpTo = seq;
            exported.increment();
        } catch (IllegalStateException e) {
            notExported.increment();
            log.warn("The access log's checkpoint at record {} was signed but not exported ({}); next round "
                    + "tries again", seq, e.getMessage());
        }
    }

    /**
     * A head this service may vouch for: signed by its key (or, from before heads were signed,
     * already vouched for by a checkpoint), and not behind a record this node wrote.
     */
    private boolean trusted(Map<String, Object> head, long seq, String hash, long written) {
        return seq >= written && AccessLog.headSigned(keys, head, () -> jdbc.queryForObject("select count(*) "
                + "from access_log_checkpoint where seq = ? and hash = ?", Integer.class, seq, hash) > 0);
    }

    private CheckpointExport.Exported sign(long seq, String hash) {
        CheckpointExport.Exported checkpoint = new CheckpointExport.Exported(seq, hash, Instant.now(), keys.keyId(),
                keys.sign(content(seq, hash)));
        jdbc.update("insert into access_log_checkpoint (seq, hash, signed_at, key_id, signature) values (?, ?, ?, ?, ?)",
                seq, hash, Timestamp.from(checkpoint.signedAt()), checkpoint.keyId(), checkpoint.signature());
        return checkpoint;
    }

    @PreDestroy
    void atShutdown() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            log.error("No checkpoint of the access log at shutdown", e);
        }
    }
}
