package nl.ketenbus.query.audit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the access log from its anchor (the start, or where the retention purge cut it) and
 * reports the first record that does not verify: a record missing from the sequence (deleted), one
 * that does not follow its predecessor's hash (inserted or reordered), one whose content no longer
 * matches its hash (altered); then the chain head's signature, the anchor and every signed
 * checkpoint (records cut off the end, or the chain rewritten), with the keys this service trusts;
 * then what is known outside the database: the highest record this node wrote, and the newest
 * checkpoint exported to Kafka. The log must reach both.
 */
@Component
public class ChainVerifier {

    /**
     * The verdict; {@code firstInvalidSeq} names the first record that does not verify;
     * {@code outside} says what was checked against evidence outside the database.
     */
    public record Verification(boolean intact, long recordsChecked, long checkpointsChecked, Long firstInvalidSeq,
                               String problem, String outside) {
    }

    /** What the verifier knows from outside the database. */
    interface Outside {
        /** None: the command-line verifier, which sees only the database and the keys. */
        Outside NONE = new Outside() {
            @Override
            public long highestWritten() {
                return 0;
            }

            @Override
            public Optional<CheckpointExport.Exported> newestExported() {
                return Optional.empty();
            }
        };

        /** The highest record this node wrote since it started. */
        long highestWritten();

        /** The newest checkpoint exported out of the database; throws when it cannot be read. */
        Optional<CheckpointExport.Exported> newestExported();
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final SigningKeys keys;
    private final Outside outside;
    private final AtomicReference<VerifiedCheckpoints> verified = new AtomicReference<>(VerifiedCheckpoints.NONE);

    @Autowired
    ChainVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions, SigningKeys keys, AccessLog log,
                  CheckpointExport export) {
        this(jdbc, transactions, keys, new Outside() {
            @Override
            public long highestWritten() {
                return log.highestWritten();
            }

            @Override
            public Optional<CheckpointExport.Exported> newestExported() {
                return export.newest();
            }
        });
    }

    ChainVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions, SigningKeys keys, Outside outside) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        // One snapshot for the records, the head and the checkpoints: appends going on meanwhile
        // are not mistaken for a cut-off end.
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.keys = keys;
        this.outside = outside;
    }

    public Verification verify() {
        // Taken before the snapshot: what this node wrote, and checkpoints exported, are in it.
        long highestWritten = outside.highestWritten();
        Optional<CheckpointExport.Exported> exported;
        String unreadable = null;
        try {
            exported = outside.newestExported();
        } catch (RuntimeException e) {
            exported = Optional.empty();
            unreadable = "the exported checkpoints could not be read (" + e.getClass().getSimpleName() + ")";
        }
        Optional<CheckpointExport.Exported> newestExported = exported;
        String exportNote = unreadable;
        return readOnly.execute(status -> walk(highestWritten, newestExported, exportNote));
    }

    private Verification walk(long highestWritten, Optional<CheckpointExport.Exported> exported,
                              String exportNote) {
        List<Map<String, Object>> anchors = jdbc.queryForList(
                "select seq, hash from access_log_anchor order by seq desc limit 1");
        long anchorSeq = anchors.isEmpty() ? 0 : ((Number) anchors.get(0).get("seq")).longValue();
        String anchorHash = anchors.isEmpty() ? ChainHash.GENESIS : (String) anchors.get(0).get("hash");
        Walk walk = new Walk(keys.chainHash(), anchorSeq, anchorHash);
        streaming().query("select * from access_log where seq > ? order by seq", row -> {
            if (walk.problem == null) {
                walk.check(row.getLong("seq"), row.getString("prev_hash"), row.getString("hash"),
                        StoredRecords.of(row));
            }
        }, anchorSeq);
        if (walk.problem != null) {
            return walk.verdict(0, null);
        }
        Map<String, Object> head = jdbc.queryForMap("select seq, hash, key_id, signature from access_log_head "
                + "where id = 1");
        long headSeq = ((Number) head.get("seq")).longValue();
        String headHash = (String) head.get("hash");
        if (headSeq != walk.lastSeq || !headHash.equals(walk.lastHash)) {
            walk.fail(Math.min(headSeq, walk.lastSeq + 1), headSeq > walk.lastSeq
                    ? "records up to " + headSeq + " were written, the log ends at " + walk.lastSeq
                    : "the chain head does not match the last record");
            return walk.verdict(0, null);
        }
        Checks checks = checkpoints(walk, anchorSeq, anchorHash, headSeq, headHash);
        if (walk.problem == null && anchorSeq > 0 && !checks.anchorVouched) {
            walk.fail(anchorSeq, "the chain starts at record " + anchorSeq + ", where no signed checkpoint vouches "
                    + "for it (records deleted from the start)");
        }
        if (walk.problem == null && !AccessLog.headSigned(keys, head, () -> checks.headVouched)) {
            walk.fail(headSeq, "the chain head at record " + headSeq + " is not signed by a trusted key");
        }
        if (walk.problem == null && highestWritten > walk.lastSeq) {
            walk.fail(walk.lastSeq + 1, "this node wrote records up to " + highestWritten
                    + ", the log ends at " + walk.lastSeq);
        }
        String outsideNote = walk.problem == null ? againstExport(walk, exported, anchorSeq, exportNote) : null;
        return walk.verdict(checks.count, outsideNote);
    }


    /** Checks the newest exported checkpoint against the chain; says what was checked. */
    private String againstExport(Walk walk, Optional<CheckpointExport.Exported> exported, long anchorSeq,
                                 String exportNote) {
        if (exportNote != null) {
            return exportNote;
        }
        if (exported.isEmpty()) {
            return "no checkpoint exported yet";
        }
        CheckpointExport.Exported newest = exported.get();
        if (!keys.verifies(newest.keyId(), Checkpoints.content(newest.seq(), newest.hash()), newest.signature())) {
            walk.fail(newest.seq(), "the newest exported checkpoint (record " + newest.seq()
                    + ") is not signed by a trusted key");
        } else if (newest.seq() > walk.lastSeq) {
            walk.fail(walk.lastSeq + 1, "a checkpoint exported out of the database vouches for record "
                    + newest.seq() + " but the log ends at " + walk.lastSeq);
        } else if (newest.seq() > anchorSeq && !newest.hash().equals(hashAt(newest.seq()))) {
            walk.fail(newest.seq(), "record " + newest.seq() + " differs from what an exported checkpoint vouches for");
        }
        return "reaches the newest exported checkpoint, record " + newest.seq() + " signed " + newest.signedAt();
    }

    /** What the signed checkpoints vouch for. */
    private static final class Checks {
        private long count;
        private boolean anchorVouched;
        private boolean headVouched;
    }

    /**
     * Checks every checkpoint: its signature, and that it vouches for a record the log still has
     * with the hash the log has. Signatures that an earlier intact verification on this node already
     * checked are not checked again while those checkpoints are unchanged ({@link VerifiedCheckpoints}):
     * a year of checkpoints every two minutes is about 263,000 signatures, about 0.85 ms of CPU each
     * (docs/benchmarks.md, "The access log's verification"). Where they changed, every signature is
     * checked again.
     */
    private Checks checkpoints(Walk walk, long anchorSeq, String anchorHash, long headSeq, String headHash) {
        VerifiedCheckpoints.Pass pass = verified.get().pass();
        Checks checks = checkpoints(walk, anchorSeq, anchorHash, headSeq, headHash, pass);
        if (!pass.confirmed()) {
            walk.clear();
            pass = VerifiedCheckpoints.NONE.pass();
            checks = checkpoints(walk, anchorSeq, anchorHash, headSeq, headHash, pass);
        }
        if (walk.problem == null) {
            verified.set(pass.verified());
        }
        return checks;
    }

    private Checks checkpoints(Walk walk, long anchorSeq, String anchorHash, long headSeq, String headHash,
                               VerifiedCheckpoints.Pass pass) {
        Checks checks = new Checks();
        // The record each checkpoint vouches for comes with it: one query, not one per checkpoint.
        streaming().query("select c.seq, c.hash, c.signed_at, c.key_id, c.signature, l.hash as record_hash "
                + "from access_log_checkpoint c left join access_log l on l.seq = c.seq "
                + "order by c.seq, c.signed_at", row -> {
            if (walk.problem != null || pass.abandoned()) {
                return;
            }
            long seq = row.getLong("seq");
            String hash = row.getString("hash");
            String keyId = row.getString("key_id");
            String signature = row.getString("signature");
            checks.count++;
            boolean known = pass.known(seq, hash, row.getTimestamp("signed_at").toInstant(), keyId, signature);
            if (!known && !keys.verifies(keyId, Checkpoints.content(seq, hash), signature)) {
                walk.fail(seq, "the checkpoint at record " + seq + " is not signed by a trusted key");
            } else if (seq > walk.lastSeq) {
                walk.fail(walk.lastSeq + 1, "a signed checkpoint vouches for record " + seq
                        + " but the log ends at " + walk.lastSeq);
            } else if (seq == anchorSeq ? !hash.equals(anchorHash)
                    : seq > anchorSeq && !hash.equals(row.getString("record_hash"))) {
                walk.fail(seq, "record " + seq + " differs from what a signed checkpoint vouches for");
            } else {
                checks.anchorVouched |= seq == anchorSeq;
                checks.headVouched |= seq == headSeq && hash.equals(headHash);
            }
        });
        return checks;
    }

    private JdbcTemplate streaming() {
        // A cursor, so that a long log is not read into memory at once (needs the transaction).
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(1_000);
        return streaming;
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

        /** Forgets a problem found among the checkpoints, before they are checked again in full. */
        void clear() {
            firstInvalid = null;
            problem = null;
        }

        void fail(long seq, String why) {
            firstInvalid = seq;
            problem = why;
        }

        Verification verdict(long checkpoints, String outside) {
            return new Verification(problem == null, checked, checkpoints, firstInvalid, problem, outside);
        }
    }
}
