package nl.ketenbus.command.identity;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import nl.ketenbus.command.transaction.TransactionScoped;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * One AES-256 data key per subject (versioned), stored wrapped with the master key, with the id of
 * the master key that wrapped it ({@link MasterKeys}). Shredding destroys every version: what was
 * sealed with them can never be opened again.
 */
@Repository
class SubjectKeys {

    /** A subject's data key, with the version recorded in every value it seals. */
    record DataKey(int version, SecretKey key) {
    }

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcTemplate jdbc;
    private final MasterKeys masterKeys;
    private final SecureRandom random = new SecureRandom();
    /** The current transaction's new keys, waiting for its commit. */
    private final Object waitingKeys = new Object();
    /** Subjects whose keys were looked up ahead for a group, and lookups of one subject's keys. */
    private final LongAdder lookedUpAhead = new LongAdder();
    private final LongAdder lookedUpAlone = new LongAdder();

    SubjectKeys(JdbcTemplate jdbc, CryptoProperties properties) {
        this.jdbc = jdbc;
        this.masterKeys = new MasterKeys(properties);
    }

    /** The key to seal with now; created (in the caller's transaction) when the subject has none. */
    DataKey current(String subjectRef) {
        return KeysOfThisTransaction.current(subjectRef, () -> {
            OptionalInt latest = KeysOfThisTransaction.latestOfNoneLive(subjectRef);
            if (latest.isPresent()) {
                return create(subjectRef, latest.getAsInt() + 1);
            }
            return latestLive(subjectRef).orElseGet(() -> create(subjectRef, nextVersion(subjectRef)));
        });
    }

    /** The key of a given version, unless it was shredded. */
    Optional<DataKey> version(String subjectRef, int version) {
        return KeysOfThisTransaction.version(subjectRef, version, () -> read(subjectRef, version));
    }

    private Optional<DataKey> read(String subjectRef, int version) {
        lookedUpAlone.increment();
        return jdbc.query("select wrap_nonce, wrapped_key, master_key_id from subject_key where subject_ref = ? "
                        + "and key_version = ? and wrapped_key is not null",
                (row, index) -> new DataKey(version, unwrap(subjectRef, version, row.getBytes(1), row.getBytes(2),
                        row.getString(3))), subjectRef, version).stream().findFirst();
    }

    /**
     * Reads the data keys of these subjects in one query, for the rest of the current transaction: a
     * youth loaded from its stream opens its date of birth for its first fact (the retention's expiry),
     * and for a group of youths the node had not cached that was a query per youth, one after the other
     * (docs/benchmarks.md, issue 21). A subject without a live key is remembered with its latest version,
     * so that an identification's new key needs no further query. Outside a transaction nothing is read.
     */
    void readAhead(Collection<String> subjectRefs) {
        if (subjectRefs.isEmpty() || !KeysOfThisTransaction.active()) {
            return;
        }
        lookedUpAhead.add(subjectRefs.size());
        Map<String, Integer> latest = new HashMap<>();
        Set<String> live = new HashSet<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("select subject_ref, key_version, wrap_nonce, wrapped_key, "
                    + "master_key_id from subject_key where subject_ref = any(?) order by subject_ref, key_version");
            statement.setArray(1, connection.createArrayOf("varchar", subjectRefs.toArray()));
            return statement;
        }, row -> {
            String subjectRef = row.getString(1);
            int version = row.getInt(2);
            latest.put(subjectRef, version);
            byte[] wrapped = row.getBytes(4);
            if (wrapped != null) {
                live.add(subjectRef);
                KeysOfThisTransaction.readAhead(subjectRef, new DataKey(version, unwrap(subjectRef, version,
                        row.getBytes(3), wrapped, row.getString(5))));
            }
        });
        for (String subjectRef : subjectRefs) {
            if (!live.contains(subjectRef)) {
                KeysOfThisTransaction.noneLive(subjectRef, latest.getOrDefault(subjectRef, 0));
            }
        }
    }

    /** Destroys every data key of the subject; returns how many versions were destroyed. */
    int shred(String subjectRef) {
        // A key made in this transaction and still waiting is written first, so that it is shredded too.
        TransactionScoped.writeWaiting(waitingKeys);
        KeysOfThisTransaction.forget(subjectRef);
        return jdbc.update("update subject_key set wrapped_key = null, wrap_nonce = null, shredded_at = now() "
                + "where subject_ref = ? and wrapped_key is not null", subjectRef);
    }

    private Optional<DataKey> latestLive(String subjectRef) {
        lookedUpAlone.increment();
        return jdbc.query("select key_version, wrap_nonce, wrapped_key, master_key_id from subject_key "
                        + "where subject_ref = ? and wrapped_key is not null order by key_version desc limit 1",
                (row, index) -> new DataKey(row.getInt(1), unwrap(subjectRef, row.getInt(1), row.getBytes(2),
                        row.getBytes(3), row.getString(4))), subjectRef).stream().findFirst();
    }

    private int nextVersion(String subjectRef) {
        lookedUpAlone.increment();
        Integer latest = jdbc.queryForObject("select max(key_version) from subject_key where subject_ref = ?",
                Integer.class, subjectRef);
        return latest == null ? 1 : latest + 1;
    }

    /**
     * A new data key. In a transaction its row waits for the commit and is written with the
     * transaction's other new keys in one batch (before the events that use it are appended); the key
     * itself is served from {@link KeysOfThisTransaction} until then.
     */
    private DataKey create(String subjectRef, int version) {
        SecretKey key = newDataKey();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        MasterKeys.MasterKey master = masterKeys.current();
        NewKey row = new NewKey(subjectRef, version, nonce, wrap(subjectRef, version, nonce, key, master.key()),
                master.id());
        if (KeysOfThisTransaction.active()) {
            TransactionScoped.<NewKey, Boolean>map(waitingKeys, waiting -> insert(List.copyOf(waiting.keySet())))
                    .put(row, Boolean.TRUE);
        } else {
            insert(List.of(row));
        }
        return new DataKey(version, key);
    }

    /** A new key's row. */
    private record NewKey(String subjectRef, int version, byte[] nonce, byte[] wrapped, String masterKeyId) {
    }

    private void insert(List<NewKey> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into subject_key (subject_ref, key_version, wrap_nonce, wrapped_key, master_key_id, "
                + "created_at) values (?, ?, ?, ?, ?, now())", rows, rows.size(), (statement, row) -> {
                    statement.setString(1, row.subjectRef());
                    statement.setInt(2, row.version());
                    statement.setBytes(3, row.nonce());
                    statement.setBytes(4, row.wrapped());
                    statement.setString(5, row.masterKeyId());
                });
    }

    /**
     * Re-wraps one stored data key with the current master key (a rotation step); false when the row
     * is gone, shredded meanwhile, or already wrapped with the current key.
     */
    boolean rewrap(String subjectRef, int version) {
        MasterKeys.MasterKey master = masterKeys.current();
        return jdbc.query("select wrap_nonce, wrapped_key, master_key_id from subject_key where subject_ref = ? "
                        + "and key_version = ? and wrapped_key is not null for update", (row, index) -> {
                    if (master.id().equals(row.getString(3))) {
                        return false;
                    }
                    SecretKey key = unwrap(subjectRef, version, row.getBytes(1), row.getBytes(2), row.getString(3));
                    byte[] nonce = new byte[NONCE_BYTES];
                    random.nextBytes(nonce);
                    return jdbc.update("update subject_key set wrap_nonce = ?, wrapped_key = ?, master_key_id = ? "
                                    + "where subject_ref = ? and key_version = ?", nonce,
                            wrap(subjectRef, version, nonce, key, master.key()), master.id(), subjectRef, version) == 1;
                }, subjectRef, version).stream().findFirst().orElse(false);
    }

    /** Subjects whose keys were looked up ahead, together with a group's others (a query for all). */
    long lookedUpAhead() {
        return lookedUpAhead.sum();
    }

    /** Lookups of one subject's keys, a query each. */
    long lookedUpAlone() {
        return lookedUpAlone.sum();
    }

    /** The id of the master key data keys are wrapped with now. */
    String currentMasterKeyId() {
        return masterKeys.current().id();
    }

    private byte[] wrap(String subjectRef, int version, byte[] nonce, SecretKey key, SecretKey masterKey) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(subjectRef, version));
            return cipher.doFinal(key.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot wrap a data key", e);
        }
    }

    /**
     * Opens a wrapped data key with the master key its id names; a key wrapped before ids were kept
     * (null) is tried with every master key this node has, current first.
     */
    private SecretKey unwrap(String subjectRef, int version, byte[] nonce, byte[] wrapped, String masterKeyId) {
        if (masterKeyId != null) {
            MasterKeys.MasterKey master = masterKeys.byId(masterKeyId.trim()).orElseThrow(() ->
                    new IllegalStateException(
                    "A data key is wrapped with master key " + masterKeyId + ", which this node does not have"));
            return unwrap(subjectRef, version, nonce, wrapped, master.key()).orElseThrow(() ->
                    new IllegalStateException("Cannot unwrap the data key of a subject: tampered row"));
        }
        for (MasterKeys.MasterKey master : masterKeys.all()) {
            Optional<SecretKey> opened = unwrap(subjectRef, version, nonce, wrapped, master.key());
            if (opened.isPresent()) {
                return opened.get();
            }
        }
        // No master key of this node opens it, or the row was tampered with: never fall back to anything.
        throw new IllegalStateException("Cannot unwrap the data key of a subject");
    }

    private static Optional<SecretKey> unwrap(String subjectRef, int version, byte[] nonce, byte[] wrapped,
                                              SecretKey masterKey) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(subjectRef, version));
            return Optional.of(new SecretKeySpec(cipher.doFinal(wrapped), "AES"));
        } catch (javax.crypto.AEADBadTagException wrongKeyOrTampered) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot unwrap the data key of a subject", e);
        }
    }

    /** Binds a wrapped key to its subject and version, so rows cannot be swapped. */
    private static byte[] aad(String subjectRef, int version) {
        return ("ketenbus:subject-key:" + subjectRef + ":" + version).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static SecretKey newDataKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }
}
