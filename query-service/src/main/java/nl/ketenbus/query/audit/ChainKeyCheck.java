package nl.ketenbus.query.audit;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether this node holds the chain key the access log was written with: the last record must hash
 * to what is stored. A node started with another key file (a lost or replaced secret) would make
 * the whole log look altered, and every record it appended would be chained with the wrong key; it
 * appends nothing and is not ready until the right key file is back. Decided once, at the first use.
 */
@Component
class ChainKeyCheck {

    static final String MISMATCH = "the chain key does not match the access log: start with the key file the log "
            + "was written with (docs/operations.md, keys)";

    private final JdbcTemplate jdbc;
    private final ChainHash chainHash;
    private volatile Boolean matches;

    ChainKeyCheck(JdbcTemplate jdbc, SigningKeys keys) {
        this.jdbc = jdbc;
        this.chainHash = keys.chainHash();
    }

    /** Whether the key matches the log; throws when the database cannot tell (asked again next time). */
    boolean matches() {
        Boolean known = matches;
        if (known == null) {
            known = lastRecordVerifies();
            matches = known;
        }
        return known;
    }

    private boolean lastRecordVerifies() {
        Map<String, Object> head = jdbc.queryForMap("select seq, hash from access_log_head where id = 1");
        long seq = ((Number) head.get("seq")).longValue();
        if (seq == 0) {
            return true;
        }
        List<Boolean> verdict = jdbc.query("select * from access_log where seq = ?",
                (row, index) -> chainHash.of(seq, row.getString("prev_hash"), StoredRecords.of(row))
                        .equals(row.getString("hash")), seq);
        // A head without its record is for the verifier to report; the key cannot be judged by it.
        return verdict.isEmpty() || verdict.get(0);
    }
}
