package nl.ketenbus.query.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signs the chain head every few minutes ({@code ketenbus.audit.checkpoint-interval}, default 2
 * minutes) and at shutdown, so that cutting records off the end of the chain, or rewriting it
 * whole, is caught by the verifier.
 */
@Component
public class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    private final JdbcTemplate jdbc;
    private final SigningKeys keys;

    Checkpoints(JdbcTemplate jdbc, SigningKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    static String content(long seq, String hash) {
        return seq + ":" + hash;
    }

    @Scheduled(fixedDelayString = "${ketenbus.audit.checkpoint-interval:PT2M}",
            initialDelayString = "${ketenbus.audit.checkpoint-interval:PT2M}")
    public void checkpoint() {
        Map<String, Object> head = jdbc.queryForMap("select seq, hash from access_log_head where id = 1");
        long seq = ((Number) head.get("seq")).longValue();
        String hash = (String) head.get("hash");
        Integer known = jdbc.queryForObject("select count(*) from access_log_checkpoint where seq = ? and hash = ?",
                Integer.class, seq, hash);
        if (seq == 0 || known != null && known > 0) {
            return;
        }
        jdbc.update("insert into access_log_checkpoint (seq, hash, signed_at, key_id, signature) values (?, ?, ?, ?, ?)",
                seq, hash, Timestamp.from(Instant.now()), keys.keyId(), keys.sign(content(seq, hash)));
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
