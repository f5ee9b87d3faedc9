package nl.ketenbus.query.audit;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the access log from its anchor (the start, or where the retention purge cut it) and
 * reports the first record that does not verify: a record missing from the sequence (deleted), one
 * that does not follow its predecessor's hash (inserted or reordered), one whose content no longer
 * matches its hash (altered); then the chain head and every signed checkpoint (records cut off the
 * end, or the chain rewritten), with the keys this service trusts.
 */
@Component
public class ChainVerifier {

    /** The verdict; {@code firstInvalidSeq} names the first record that does not verify. */
    public record Verification(boolean intact, long recordsChecked, long checkpointsChecked, Long firstInvalidSeq,
                               String problem) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final SigningKeys keys;

    ChainVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions, SigningKeys keys) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.keys = keys;
    }

    public Verification verify() {
        return readOnly.execute(status -> walk());
    }

    private Verification walk() {
        List<Map<String, Object>> anchors = jdbc.queryForList(
                "select seq, hash from access_log_anchor order by seq desc limit 1");
        long anchorSeq = anchors.isEmpty() ? 0 : ((Number) anchors.get(0).get("seq")).longValue();
        String anchorHash = anchors.isEmpty() ? ChainHash.GENESIS : (String) anchors.get(0).get("hash");
        Walk walk = new Walk(keys.chainHash(), anchorSeq, anchorHash);
        // A cursor, so that a long log is not read into memory at once (needs the transaction).
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(1_000);
        streaming.query("select * from access_log where seq > ? order by seq", row -> {
            if (walk.problem == null) {
                walk.check(row.getLong("seq"), row.getString("prev_hash"), row.getString("hash"),
                        StoredRecords.of(row));
            }
        }, anchorSeq);
        if (walk.problem != null) {
            return walk.verdict(0);
        }
        Map<String, Object> head = jdbc.queryForMap("select seq, hash from access_log_head where id = 1");
        long headSeq = ((Number) head.get("seq")).longValue();
        if (headSeq != walk.lastSeq || !head.get("hash").equals(walk.lastHash)) {
            walk.fail(Math.min(headSeq, walk.lastSeq + 1), headSeq > walk.lastSeq
                    ? "records up to " + headSeq + " were written, the log ends at " + walk.lastSeq
                    : "the chain head does not match the last record");
            return walk.verdict(0);
        }
        long[] checkpoints = {0};
        jdbc.query("select seq, hash, key_id, signature from access_log_checkpoint order by seq", row -> {
            if (walk.problem != null) {
                return;
            }
            long seq = row.getLong("seq");
            String hash = row.getString("hash");
            checkpoints[0]++;
            if (!keys.verifies(row.getString("key_id"), Checkpoints.content(seq, hash), row.getString("signature"))) {
                walk.fail(seq, "the checkpoint at record " + seq + " is not signed by a trusted key");
            } else if (seq > walk.lastSeq) {
                walk.fail(walk.lastSeq + 1, "a signed checkpoint vouches for record " + seq
                        + " but the log ends at " + walk.lastSeq);
            } else if (seq == anchorSeq ? !hash.equals(anchorHash) : seq > anchorSeq && !hash.equals(hashAt(seq))) {
                walk.fail(seq, "record " + seq + " differs from what a signed checkpoint vouches for");
            }
        });
        return walk.verdict(checkpoints[0]);
    }

    private String hashAt(long seq) {
        return jdbc.queryForObject("select hash from access_log where seq = ?", String.class, seq);
    }

    /** The state of one walk along the chain. */
    private static final class Walk {
        private final ChainHash chainHash;
        private long lastSeq;
        private String lastHash;
        private long checked;
        private Long firstInvalid;
        private String problem;

        Walk(ChainHash chainHash, long anchorSeq, String anchorHash) {
            this.chainHash = chainHash;
            this.lastSeq = anchorSeq;
            this.lastHash = anchorHash;
        }

        void check(long seq, String previous, String hash, AccessRecord record) {
            if (seq != lastSeq + 1) {
                fail(lastSeq + 1, "record " + (lastSeq + 1) + " is missing");
            } else if (!previous.equals(lastHash)) {
                fail(seq, "record " + seq + " does not follow its predecessor");
            } else if (!chainHash.of(seq, previous, record).equals(hash)) {
                fail(seq, "record " + seq + " was altered");
            } else {
                lastSeq = seq;
                lastHash = hash;
                checked++;
            }
        }

        void fail(long seq, String why) {
            firstInvalid = seq;
            problem = why;
        }

        Verification verdict(long checkpoints) {
            return new Verification(problem == null, checked, checkpoints, firstInvalid, problem);
        }
    }
}
