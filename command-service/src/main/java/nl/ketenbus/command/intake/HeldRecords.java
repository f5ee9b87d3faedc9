package nl.ketenbus.command.intake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.command.identity.MasterKeySeal;
import nl.ketenbus.command.identity.SubjectPseudonyms;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Partner records held instead of holding up their partition (ADR 0032), in {@code intake_held}: a record the
 * intake could not decide, again and again, and every later record of the same youth (the same record key on
 * the same topic) behind it, so that the youth's records are still decided in their order. A record is sealed
 * with the master key, its place as associated data; its youth is known by a keyed digest of the key.
 *
 * <p>Holding behind and releasing take the youth's advisory lock, so a record is never decided past an
 * earlier one of its youth that is still held: either the listener finds the earlier one and holds its record
 * behind it, or the retry has released the earlier one before the listener looks. This node remembers which
 * youths have held records (reloaded at every partition assignment), so that a record of any other youth
 * costs no statement.
 */
@Repository
class HeldRecords {

    /** The reason of a record held only because an earlier one of its youth is. */
    static final String BEHIND = "behind an earlier held record of its youth";
    private static final int LOCKS = 1266;
    private static final String LOCK = "select pg_advisory_xact_lock(" + LOCKS + ", hashtext(?))";

    /** A held record, opened: its row and the record as it was received. */
    record Held(long id, ConsumerRecord<String, byte[]> record) {
    }

    /** The rows of one youth on one topic (a record without a key is a scope of its own kind). */
    record Scope(String topic, String keyDigest) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final MasterKeySeal seal;
    private final SubjectPseudonyms pseudonyms;
    private final ObjectMapper json = new ObjectMapper();
    private final Set<Scope> heldHere = ConcurrentHashMap.newKeySet();
    private volatile boolean known;

    HeldRecords(JdbcTemplate jdbc, TransactionTemplate transaction, MasterKeySeal seal,
                SubjectPseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.seal = seal;
        this.pseudonyms = pseudonyms;
    }

    /**
     * Reads which youths have held records: at every partition assignment, since another node may have held
     * records of the partitions this one now reads. Until it succeeds every record is looked up.
     */
    void reload() {
        known = false;
        heldHere.addAll(jdbc.query("select distinct topic, key_digest from intake_held where key_digest is not null",
                (row, n) -> new Scope(row.getString(1), row.getString(2))));
        known = true;
    }

    /**
     * Holds the record behind an earlier held record of its youth, if there is one (committed before this
     * returns true); false when the record is to be decided now.
     */
    boolean holdIfBehind(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return false;
        }
        if (!known) {
            reload();
        }
        Scope scope = scopeOf(record);
        if (!heldHere.contains(scope)) {
            return false;
        }
        boolean behind = Boolean.TRUE.equals(transaction.execute(status -> {
            lock(scope);
            boolean earlier = Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from intake_held "
                    + "where topic = ? and key_digest = ?)", Boolean.class, scope.topic(), scope.keyDigest()));
            if (earlier) {
                insert(record, scope, BEHIND);
            }
            return earlier;
        }));
        if (!behind) {
            heldHere.remove(scope);
        }
        return behind;
    }

    /** Holds a record the intake could not decide; committed when this returns. */
    void hold(ConsumerRecord<String, byte[]> record, String reason) {
        Scope scope = scopeOf(record);
        transaction.executeWithoutResult(status -> {
            if (scope.keyDigest() != null) {
                lock(scope);
            }
            insert(record, scope, reason);
        });
        if (scope.keyDigest() != null) {
            heldHere.add(scope);
        }
    }

    /** Every topic and youth with held records, the one held longest first. */
    List<Scope> scopes() {
        return jdbc.query("select topic, key_digest from intake_held group by topic, key_digest order by min(id)",
                (row, n) -> new Scope(row.getString(1), row.getString(2)));
    }

    /** The scope's first held record, as received; empty when none is left or this node cannot open it. */
    Optional<Held> first(Scope scope) {
        String digestCondition = scope.keyDigest() == null ? "key_digest is null" : "key_digest = ?";
        Object[] arguments = scope.keyDigest() == null ? new Object[] {scope.topic()}
                : new Object[] {scope.topic(), scope.keyDigest()};
        return jdbc.query("select id, topic, kafka_partition, kafka_offset, master_key_id, seal_nonce, sealed_record "
                        + "from intake_held where topic = ? and " + digestCondition
                        + " order by kafka_partition, kafka_offset limit 1",
                (row, n) -> open(row.getLong(1), row.getString(2), row.getInt(3), row.getLong(4),
                        new MasterKeySeal.Sealed(row.getString(5), row.getBytes(6), row.getBytes(7))),
                arguments).stream().findFirst().flatMap(held -> held);
    }

    /** Forgets a record once its outcome is durable (accepted, a duplicate or dead-lettered). */
    void release(Held held, Scope scope) {
        transaction.executeWithoutResult(status -> {
            if (scope.keyDigest() != null) {
                lock(scope);
            }
            jdbc.update("delete from intake_held where id = ?", held.id());
        });
    }

    void stillFailing(Held held, String reason) {
        jdbc.update("update intake_held set reason = ?, attempts = attempts + 1, last_tried_at = now() where id = ?",
                reason, held.id());
    }

    /** Seals every record sealed with a previous master key anew with the current one; returns how many. */
    int sealAnew() {
        int sealed = 0;
        for (long id : jdbc.queryForList("select id from intake_held where master_key_id <> ?", Long.class,
                seal.currentMasterKeyId())) {
            sealed += Optional.ofNullable(transaction.execute(status -> sealAnew(id))).orElse(0);
        }
        return sealed;
    }

    /** How many records are held and how long the oldest has been, in seconds (0 when none). */
    long[] countAndOldest() {
        return jdbc.queryForObject("select count(*), coalesce(extract(epoch from now() - min(held_at)), 0)::bigint "
                + "from intake_held", (row, n) -> new long[] {row.getLong(1), row.getLong(2)});
    }

    private int sealAnew(long id) {
        return jdbc.query("select topic, kafka_partition, kafka_offset, master_key_id, seal_nonce, sealed_record "
                + "from intake_held where id = ? and master_key_id <> ? for update", (row, n) -> {
                    String place = place(row.getString(1), row.getInt(2), row.getLong(3));
                    return seal.open(new MasterKeySeal.Sealed(row.getString(4), row.getBytes(5), row.getBytes(6)),
                            place).map(plain -> {
                                MasterKeySeal.Sealed anew = seal.seal(plain, place);
                                return jdbc.update("update intake_held set master_key_id = ?, seal_nonce = ?, "
                                        + "sealed_record = ? where id = ?", anew.masterKeyId(), anew.nonce(),
                                        anew.ciphertext(), id);
                            }).orElse(0);
                }, id, seal.currentMasterKeyId()).stream().findFirst().orElse(0);
    }

    private void insert(ConsumerRecord<String, byte[]> record, Scope scope, String reason) {
        MasterKeySeal.Sealed sealed = seal.seal(serialized(record),
                place(record.topic(), record.partition(), record.offset()));
        // A record delivered again after its hold committed but before its offset did is held once.
        jdbc.update("insert into intake_held (topic, kafka_partition, kafka_offset, key_digest, master_key_id, "
                        + "seal_nonce, sealed_record, reason) values (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict on constraint intake_held_place do nothing", record.topic(),
                record.partition(), record.offset(), scope.keyDigest(), sealed.masterKeyId(), sealed.nonce(),
                sealed.ciphertext(), reason);
    }

    private void lock(Scope scope) {
        jdbc.queryForList(LOCK, scope.topic() + "/" + scope.keyDigest());
    }

    private Scope scopeOf(ConsumerRecord<String, byte[]> record) {
        return new Scope(record.topic(), record.key() == null ? null : pseudonyms.heldRecordKeyDigestOf(record.key()));
    }

    private Optional<Held> open(long id, String topic, int partition, long offset, MasterKeySeal.Sealed sealed) {
        return seal.open(sealed, place(topic, partition, offset))
                .map(plain -> new Held(id, deserialized(topic, partition, offset, plain)));
    }

    private static String place(String topic, int partition, long offset) {
        return "intake-held:" + topic + "-" + partition + "@" + offset;
    }

    private byte[] serialized(ConsumerRecord<String, byte[]> record) {
        ObjectNode node = json.createObjectNode();
        node.put("key", record.key());
        node.put("value", record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));
        var headers = node.putArray("headers");
        for (Header header : record.headers()) {
            headers.addObject().put("name", header.key())
                    .put("value", header.value() == null ? null : Base64.getEncoder().encodeToString(header.value()));
        }
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("A held record cannot be written as JSON", e);
        }
    }

    private ConsumerRecord<String, byte[]> deserialized(String topic, int partition, long offset, byte[] plain) {
        try {
            JsonNode node = json.readTree(plain);
            List<Header> headers = new ArrayList<>();
            for (JsonNode header : node.get("headers")) {
                headers.add(new RecordHeader(header.get("name").asText(), bytes(header.get("value"))));
            }
            return new ConsumerRecord<>(topic, partition, offset, ConsumerRecord.NO_TIMESTAMP,
                    TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE,
                    node.get("key").isNull() ? null : node.get("key").asText(), bytes(node.get("value")),
                    new RecordHeaders(headers), Optional.empty());
        } catch (IOException e) {
            throw new IllegalStateException("A held record is not the JSON it was sealed as", e);
        }
    }

    private static byte[] bytes(JsonNode base64) {
        return base64 == null || base64.isNull() ? null : Base64.getDecoder().decode(base64.asText());
    }
}
