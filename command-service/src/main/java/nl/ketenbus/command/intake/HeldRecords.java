package nl.ketenbus.command.intake;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
 * intake could not decide, again and again, and every later record of the same youth on the same topic behind
 * it, so that the youth's records are still decided in their order. A record's youth is its CloudEvents
 * {@code subject} (the {@code subjectRef} the intake decides by), else its key; a record with neither is held
 * alone and held behind nothing. A record is sealed with the master key, its place as associated data; its
 * youth is known by a keyed digest.
 *
 * <p>Holding behind, releasing and an erasure take the youth's advisory lock, so a record is never decided past
 * an earlier one of its youth that is still held: either the listener finds the earlier one and holds its record
 * behind it, or the earlier one is gone before the listener looks. This node remembers which youths have held
 * records (reloaded at every partition assignment and every pass), so that while none are held a record costs
 * nothing here.
 */
@Repository
class HeldRecords {

    /** The reason of a record held only because an earlier one of its youth is. */
    static final String BEHIND = "behind an earlier held record of its youth";
    static final String UNOPENABLE = "the sealed record does not open: altered, or moved to another place";
    static final String MASTER_KEY_UNKNOWN = "sealed with a master key this node does not have";
    /**
     * How long a pass's claim on a row holds: well beyond a decision's bounds (the intake's lanes, a dead letter's
     * acknowledgement), so a claim lapses only for a node that stopped mid-decision.
     */
    static final String CLAIM_TERM = "5 minutes";
    /** The advisory locks' namespace: a youth's lock is (this, hashtext of its digest). */
    static final int LOCKS = 1266;
    private static final String LOCK = "select pg_advisory_xact_lock(" + LOCKS + ", hashtext(?))";
    private static final String LISTED = "select id, topic, kafka_partition, kafka_offset, held_at, attempts, "
            + "last_tried_at, reason from intake_held ";
    private static final String COLUMNS = "id, topic, kafka_partition, kafka_offset, master_key_id, seal_nonce, "
            + "sealed_record";

    /** A held record, opened: its row and the record as it was received. */
    record Held(long id, ConsumerRecord<String, byte[]> record) {
    }

    /** A held row as stored, sealed. */
    record Row(long id, String topic, int partition, long offset, MasterKeySeal.Sealed sealed) {
    }

    /**
     * The held rows decided in one order: a youth's on one topic ({@code onlyId} null), or a single row whose
     * record named no youth.
     */
    record Scope(String topic, String youthDigest, Long onlyId) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final MasterKeySeal seal;
    private final SubjectPseudonyms pseudonyms;
    private final ObjectMapper json = new ObjectMapper();
    private final Set<Scope> heldHere = ConcurrentHashMap.newKeySet();
    /** Counted up by every assignment; a read counts for the assignments before it began ({@code readFor}). */
    private final AtomicLong assignments = new AtomicLong();
    private final AtomicLong readFor = new AtomicLong(-1);

    HeldRecords(JdbcTemplate jdbc, TransactionTemplate transaction, MasterKeySeal seal,
                SubjectPseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.seal = seal;
        this.pseudonyms = pseudonyms;
    }

    /**
     * Reads which youths have held records: with the first record after every partition assignment, since
     * another node may have held records of the partitions this one now reads, and at every pass of
     * {@link HeldRecordRetry}, for the youths another node held records of on partitions this one also reads (a
     * youth's records on two partitions: keyed otherwise than by the youth). While it fails, the listener's next
     * record reads them again ({@link #holdIfBehind}), and fails, so it is tried in place.
     */
    void reload() {
        long before = assignments.get();
        heldHere.addAll(jdbc.query("select distinct topic, youth_digest from intake_held "
                        + "where youth_digest is not null",
                (row, n) -> new Scope(row.getString(1), row.getString(2), null)));
        readFor.accumulateAndGet(before, Math::max);
    }

    /** Whether the held youths were read since the last assignment. */
    private boolean read() {
        return readFor.get() == assignments.get();
    }

    /** Partitions were assigned: the next record reads the youths with held records again ({@link #reload}). */
    void readAgain() {
        assignments.incrementAndGet();
    }

    /** Whether a record may have to wait behind a held one: false, and nothing to look up, while none is held. */
    boolean anyHeld() {
        return !read() || !heldHere.isEmpty();
    }

    /** What became of a record looked at by {@link #holdIfBehind}. */
    enum Behind {
        /** No earlier record of its youth is held: decide it now. */
        NO,
        /** Held behind an earlier record of its youth (committed). */
        HELD,
        /** Held already: delivered again after its hold committed but before its offset did. */
        ALREADY
    }

    /**
     * Holds the record behind an earlier held record of its youth ({@code youth}: its subject or key, null for
     * none), if there is one, committed before this returns.
     */
    Behind holdIfBehind(ConsumerRecord<String, byte[]> record, String youth) {
        if (!read()) {
            reload();
        }
        if (youth == null) {
            return Behind.NO;
        }
        Scope scope = scopeOf(record, youth);
        if (!heldHere.contains(scope)) {
            return Behind.NO;
        }
        return transaction.execute(status -> {
            lock(scope.youthDigest());
            List<Boolean> rows = jdbc.queryForList("select kafka_partition = ? and kafka_offset = ? from intake_held "
                    + "where topic = ? and youth_digest = ?", Boolean.class, record.partition(), record.offset(),
                    scope.topic(), scope.youthDigest());
            if (rows.isEmpty()) {
                // Under the lock: no other thread holds a record of this youth meanwhile.
                heldHere.remove(scope);
                return Behind.NO;
            }
            if (rows.contains(Boolean.TRUE)) {
                insert(record, scope, BEHIND);
                return Behind.ALREADY;
            }
            insert(record, scope, BEHIND);
            return Behind.HELD;
        });
    }

    /** Holds a record the intake could not decide ({@code youth} as for {@link #holdIfBehind}); committed here. */
    void hold(ConsumerRecord<String, byte[]> record, String youth, String reason) {
        Scope scope = scopeOf(record, youth);
        transaction.executeWithoutResult(status -> {
            if (scope.youthDigest() != null) {
                lock(scope.youthDigest());
            }
            insert(record, scope, reason);
        });
        if (scope.youthDigest() != null) {
            heldHere.add(scope);
        }
    }

    /** Every youth with held records on each topic, and every row that named no youth; held longest first. */
    List<Scope> scopes() {
        return jdbc.query("select topic, youth_digest, case when youth_digest is null then id end as only_id "
                        + "from intake_held group by topic, youth_digest, only_id order by min(id)",
                (row, n) -> new Scope(row.getString(1), row.getString(2), (Long) row.getObject(3)));
    }

    /** The scope's first held row, still sealed; empty when none is left. */
    Optional<Row> first(Scope scope) {
        String condition = scope.onlyId() != null ? "id = ?" : "topic = ? and youth_digest = ?";
        Object[] arguments = scope.onlyId() != null ? new Object[] {scope.onlyId()}
                : new Object[] {scope.topic(), scope.youthDigest()};
        // In the order they were held: a youth's records on two partitions (keyed otherwise than by the youth)
        // have no order on the topic, and the later was held only because the earlier was.
        return jdbc.query("select " + COLUMNS + " from intake_held where " + condition + " order by id limit 1",
                (row, n) -> row(row), arguments).stream().findFirst();
    }

    /**
     * The row's record as it was received; empty when this node lacks the master key that sealed it. Throws
     * {@link MasterKeySeal.Unopenable} when the row does not open with it (altered, or moved to another place).
     */
    Optional<Held> open(Row row) {
        return seal.open(row.sealed(), place(row.topic(), row.partition(), row.offset()))
                .map(plain -> new Held(row.id(), deserialized(row.topic(), row.partition(), row.offset(), plain)));
    }

    /**
     * A held row as operators see it: its place, when it was held, how often it was tried and why it is held;
     * never its content or its youth.
     */
    record Listed(long id, String topic, int partition, long offset, Instant heldAt, int attempts,
                  Instant lastTriedAt, String reason) {
    }

    /** The held rows, held longest first, at most {@code limit}. */
    List<Listed> listed(int limit) {
        return jdbc.query(LISTED + "order by id limit ?", HeldRecords::listed, limit);
    }

    /** The held row with this id, if one is held. */
    Optional<Listed> one(long id) {
        return jdbc.query(LISTED + "where id = ?", HeldRecords::listed, id).stream().findFirst();
    }

    /** What came of asking to discard a held row. */
    enum Discard {
        /** The row did not open and is gone: its youth's later rows are decided by the next pass. */
        DISCARDED,
        /** No row is held with that id. */
        NOT_HELD,
        /** The row opens: the pass decides it once its cause is fixed, and discarding it would lose the fact. */
        OPENS,
        /** Sealed with a master key this node does not have: configure it rather than lose the fact. */
        MASTER_KEY_UNKNOWN
    }

    /**
     * Discards a held row that does not open with the master key that sealed it (altered, or moved): nothing can
     * decide it, and its youth's later rows wait behind it for ever. Under the youth's lock, as holding behind and
     * releasing take it; the row is opened again here, never discarded on an older finding (a pass that claimed it
     * meanwhile cannot decide it either: it does not open).
     */
    Discard discard(long id) {
        return transaction.execute(status -> {
            List<String> youth = jdbc.queryForList("select coalesce(youth_digest, '') from intake_held where id = ?",
                    String.class, id);
            if (youth.isEmpty()) {
                return Discard.NOT_HELD;
            }
            if (!youth.get(0).isEmpty()) {
                lock(youth.get(0));
            }
            Optional<Row> row = jdbc.query("select " + COLUMNS + " from intake_held where id = ? for update",
                    (result, n) -> row(result), id).stream().findFirst();
            if (row.isEmpty()) {
                return Discard.NOT_HELD;
            }
            try {
                if (open(row.get()).isEmpty()) {
                    return Discard.MASTER_KEY_UNKNOWN;
                }
                return Discard.OPENS;
            } catch (MasterKeySeal.Unopenable altered) {
                jdbc.update("delete from intake_held where id = ?", id);
                return Discard.DISCARDED;
            }
        });
    }

    /** Forgets a record once its outcome is durable (accepted, a duplicate or dead-lettered). */
    void release(Held held, Scope scope) {
        transaction.executeWithoutResult(status -> {
            if (scope.youthDigest() != null) {
                lock(scope.youthDigest());
            }
            jdbc.update("delete from intake_held where id = ?", held.id());
        });
    }

    /**
     * Claims the row for this node's pass while it decides it, for {@link #CLAIM_TERM}; false when another node's
     * pass holds it or it is gone (decided and released meanwhile). Committed here, so the other node sees it.
     */
    boolean claim(long id) {
        return jdbc.update("update intake_held set claimed_until = now() + cast(? as interval) where id = ? "
                + "and (claimed_until is null or claimed_until < now())", CLAIM_TERM, id) == 1;
    }

    /** Lets the claimed row go undecided (a moment's overload, a dependency away): the next pass claims it. */
    void unclaim(long id) {
        jdbc.update("update intake_held set claimed_until = null where id = ?", id);
    }

    void stillFailing(long id, String reason) {
        jdbc.update("update intake_held set reason = ?, attempts = attempts + 1, last_tried_at = now(), "
                + "claimed_until = null where id = ?", reason, id);
    }

    /**
     * Seals every record sealed with a previous master key anew with the current one; returns how many. A row
     * that does not open is marked and left, and does not stop the others.
     */
    int sealAnew() {
        int sealed = 0;
        for (long id : jdbc.queryForList("select id from intake_held where master_key_id <> ?", Long.class,
                seal.currentMasterKeyId())) {
            try {
                sealed += Optional.ofNullable(transaction.execute(status -> sealAnew(id))).orElse(0);
            } catch (MasterKeySeal.Unopenable altered) {
                stillFailing(id, UNOPENABLE);
            }
        }
        return sealed;
    }

    /** How many records are held, how long the oldest has been, in seconds (0 when none), and how many are sealed
     * with a master key other than the current one. */
    long[] counts() {
        return jdbc.queryForObject("select count(*), coalesce(extract(epoch from now() - min(held_at)), 0)::bigint, "
                + "count(*) filter (where master_key_id <> ?) from intake_held",
                (row, n) -> new long[] {row.getLong(1), row.getLong(2), row.getLong(3)}, seal.currentMasterKeyId());
    }

    private int sealAnew(long id) {
        return jdbc.query("select " + COLUMNS + " from intake_held where id = ? and master_key_id <> ? for update",
                (row, n) -> {
                    Row held = row(row);
                    String place = place(held.topic(), held.partition(), held.offset());
                    return seal.open(held.sealed(), place).map(plain -> {
                        MasterKeySeal.Sealed anew = seal.seal(plain, place);
                        return jdbc.update("update intake_held set master_key_id = ?, seal_nonce = ?, "
                                + "sealed_record = ? where id = ?", anew.masterKeyId(), anew.nonce(),
                                anew.ciphertext(), id);
                    }).orElse(0);
                }, id, seal.currentMasterKeyId()).stream().findFirst().orElse(0);
    }

    /**
     * Writes the held row. A record delivered again after its hold committed but before its offset did is held
     * once; another record at the same place (a topic deleted and created again while rows were held) is refused,
     * so that it is tried in place and not lost.
     */
    private void insert(ConsumerRecord<String, byte[]> record, Scope scope, String reason) {
        byte[] plain = serialized(record);
        String digest = pseudonyms.heldRecordDigestOf(plain);
        MasterKeySeal.Sealed sealed = seal.seal(plain, place(record.topic(), record.partition(), record.offset()));
        int inserted = jdbc.update("insert into intake_held (topic, kafka_partition, kafka_offset, youth_digest, "
                        + "record_digest, master_key_id, seal_nonce, sealed_record, reason) values (?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?) on conflict on constraint intake_held_place do nothing", record.topic(),
                record.partition(), record.offset(), scope.youthDigest(), digest, sealed.masterKeyId(),
                sealed.nonce(), sealed.ciphertext(), reason);
        if (inserted == 0 && jdbc.queryForList("select record_digest = ? from intake_held where topic = ? and "
                + "kafka_partition = ? and kafka_offset = ?", Boolean.class, digest, record.topic(), record.partition(),
                record.offset()).contains(Boolean.FALSE)) {
            throw new IllegalStateException("Another record is held at " + KafkaIntakeListener.placeOf(record));
        }
    }

    private void lock(String youthDigest) {
        jdbc.queryForList(LOCK, youthDigest);
    }

    private Scope scopeOf(ConsumerRecord<String, byte[]> record, String youth) {
        return new Scope(record.topic(), youth == null ? null : pseudonyms.heldYouthDigestOf(youth), null);
    }

    private static Listed listed(java.sql.ResultSet row, int n) throws java.sql.SQLException {
        return new Listed(row.getLong(1), row.getString(2), row.getInt(3), row.getLong(4),
                row.getTimestamp(5).toInstant(), row.getInt(6),
                Optional.ofNullable(row.getTimestamp(7)).map(Timestamp::toInstant).orElse(null), row.getString(8));
    }

    private static Row row(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Row(row.getLong("id"), row.getString("topic"), row.getInt("kafka_partition"),
                row.getLong("kafka_offset"), new MasterKeySeal.Sealed(row.getString("master_key_id"),
                row.getBytes("seal_nonce"), row.getBytes("sealed_record")));
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
