package nl.ketenbus.query.projection;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Backbone records the projection could not use, kept whole (key, value and headers) with the
 * reason, so that an operator can re-drive them after a fix ({@link Redrive}). Headers are kept as
 * a JSON array of name and Base64 value, in their order; a name may repeat.
 */
@Repository
class ParkedRecords {

    private static final String COLUMNS = "topic, kafka_partition, kafka_offset, reason, received_at";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    ParkedRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Parks the record with its reason, unless its key is an erased youth's (a re-publication of the topic
     * brings such records again): nothing of an erased youth is kept, not even as a parked record. Whether
     * it was parked.
     */
    boolean keep(ConsumerRecord<String, byte[]> record, String reason) {
        return jdbc.update("insert into unprojectable_event (topic, kafka_partition, kafka_offset, reason, record_key, "
                        + "record_value, record_headers) select ?, ?, ?, ?, ?, ?, ?::jsonb where not exists "
                        + "(select 1 from erased_subject where subject_ref = ?) on conflict do nothing",
                record.topic(), record.partition(), record.offset(), reason, record.key(), record.value(),
                headers(record).toString(), record.key()) == 1;
    }

    /**
     * Parks a record that holds its youth (ADR 0033): one the projection could not apply, or one behind such a
     * record. Not for an erased youth, as {@link #keep}. Whether it is parked (also when it was already).
     */
    boolean hold(ConsumerRecord<String, byte[]> record, String reason) {
        jdbc.update("insert into unprojectable_event (topic, kafka_partition, kafka_offset, reason, record_key, "
                        + "record_value, record_headers, holds_youth) select ?, ?, ?, ?, ?, ?, ?::jsonb, true "
                        + "where not exists (select 1 from erased_subject where subject_ref = ?) "
                        + "on conflict do nothing",
                record.topic(), record.partition(), record.offset(), reason, record.key(), record.value(),
                headers(record).toString(), record.key());
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from unprojectable_event where "
                + "topic = ? and kafka_partition = ? and kafka_offset = ?)", Boolean.class, record.topic(),
                record.partition(), record.offset()));
    }

    /** Whether the event was applied already (a copy of it came again and was applied). */
    boolean applied(BackboneEvent event) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from applied_event where event_id = ?)",
                Boolean.class, event.id()));
    }

    /** Whether a later fact of the event's youth (a higher number in its stream) is applied already. */
    boolean laterOfItsYouthApplied(BackboneEvent event) {
        return event.subjectRef() != null && event.streamSequence() != null
                && Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from timeline_entry "
                        + "where subject_ref = ? and stream_sequence > ?)", Boolean.class, event.subjectRef(),
                        event.streamSequence()));
    }

    /** The youths (record keys) with records that hold them. */
    Set<String> heldYouths() {
        return new HashSet<>(jdbc.queryForList("select distinct record_key from unprojectable_event where holds_youth "
                + "and record_key is not null", String.class));
    }

    boolean holds(String youth) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from unprojectable_event where "
                + "holds_youth and record_key = ?)", Boolean.class, youth));
    }

    /** The key of the record parked there (its youth); empty when none is there. */
    Optional<String> keyAt(ParkedRecord.Position at) {
        return jdbc.query("select record_key from unprojectable_event where topic = ? and kafka_partition = ? and "
                + "kafka_offset = ?", (row, n) -> Optional.ofNullable(row.getString(1)), at.topic(), at.partition(),
                at.offset()).stream().findFirst().flatMap(key -> key);
    }

    /** Where the youth's first held record is (in the topic's order); empty when none is. */
    Optional<ParkedRecord.Position> firstHeld(String youth) {
        return jdbc.query("select topic, kafka_partition, kafka_offset from unprojectable_event where holds_youth "
                        + "and record_key = ? order by kafka_partition, kafka_offset limit 1",
                (row, n) -> new ParkedRecord.Position(row.getString(1), row.getInt(2), row.getLong(3)), youth)
                .stream().findFirst();
    }

    /**
     * Whether the record there lies behind a held record of its youth (ADR 0033), whether it holds its youth or is
     * one no release could read; empty when none is there.
     */
    Optional<Boolean> heldBehindAnother(ParkedRecord.Position at) {
        return jdbc.query("select exists (select 1 from unprojectable_event e where e.holds_youth "
                        + "and e.record_key = u.record_key and (e.kafka_partition, e.kafka_offset) < "
                        + "(u.kafka_partition, u.kafka_offset)) from unprojectable_event u where topic = ? and "
                        + "kafka_partition = ? and kafka_offset = ?", (row, n) -> row.getBoolean(1), at.topic(),
                at.partition(), at.offset()).stream().findFirst();
    }

    /** A held record tried again and still failing: its new reason, one more attempt. */
    void stillFailing(ParkedRecord.Position at, String reason) {
        jdbc.update("update unprojectable_event set reason = ?, attempts = attempts + 1, last_tried_at = now() "
                + "where topic = ? and kafka_partition = ? and kafka_offset = ?", reason, at.topic(), at.partition(),
                at.offset());
    }

    /** A held record no release can read after all: parked as such, holding its youth no longer. */
    void unusableAfterAll(ParkedRecord.Position at, String reason) {
        jdbc.update("update unprojectable_event set reason = ?, holds_youth = false where topic = ? and "
                + "kafka_partition = ? and kafka_offset = ?", reason, at.topic(), at.partition(), at.offset());
    }

    /** How many records hold their youths, and how long the oldest has been parked, in seconds (0 if none). */
    long[] heldCountAndOldest() {
        return jdbc.queryForObject("select count(*), coalesce(extract(epoch from now() - min(received_at)), 0)::bigint "
                        + "from unprojectable_event where holds_youth",
                (row, n) -> new long[] {row.getLong(1), row.getLong(2)});
    }

    /**
     * Forgets the youth's parked copies of these expired facts, found by their CloudEvents id (the {@code ce_id}
     * header the backbone's binary-mode records carry).
     */
    void forgetExpired(String subjectRef, Collection<String> eventIds) {
        jdbc.update("delete from unprojectable_event u where u.record_key = ? and exists (select 1 from "
                + "jsonb_array_elements(u.record_headers) h where h->>'name' = 'ce_id' and h->>'value' is not null "
                + "and convert_from(decode(h->>'value', 'base64'), 'UTF8') = any(?::text[]))", subjectRef,
                (Object) eventIds.toArray(String[]::new));
    }

    List<ParkedRecord> all() {
        return jdbc.query("select " + COLUMNS + " from unprojectable_event order by received_at, topic, "
                + "kafka_partition, kafka_offset", (row, n) -> new ParkedRecord(row.getString("topic"),
                row.getInt("kafka_partition"), row.getLong("kafka_offset"), row.getString("reason"),
                row.getObject("received_at", OffsetDateTime.class)));
    }

    /** The parked record as it was received, locked until the transaction ends; empty when none is parked there. */
    Optional<ConsumerRecord<String, byte[]>> lock(ParkedRecord.Position at) {
        return jdbc.query("select record_key, record_value, record_headers::text as headers from unprojectable_event "
                        + "where topic = ? and kafka_partition = ? and kafka_offset = ? for update",
                (row, n) -> record(at, row.getString("record_key"), row.getBytes("record_value"),
                        row.getString("headers")),
                at.topic(), at.partition(), at.offset()).stream().findFirst();
    }

    /** Forgets the erased youth's parked records (their key is the youth's pseudonym, as every record's is). */
    void forget(String subjectRef) {
        jdbc.update("delete from unprojectable_event where record_key = ?", subjectRef);
    }

    void stillUnusable(ParkedRecord.Position at, String reason) {
        jdbc.update("update unprojectable_event set reason = ? where topic = ? and kafka_partition = ? "
                + "and kafka_offset = ?", reason, at.topic(), at.partition(), at.offset());
    }

    void release(ParkedRecord.Position at) {
        jdbc.update("delete from unprojectable_event where topic = ? and kafka_partition = ? and kafka_offset = ?",
                at.topic(), at.partition(), at.offset());
    }

    private ArrayNode headers(ConsumerRecord<String, byte[]> record) {
        ArrayNode headers = json.createArrayNode();
        for (Header header : record.headers()) {
            headers.addObject().put("name", header.key())
                    .put("value", header.value() == null ? null : Base64.getEncoder().encodeToString(header.value()));
        }
        return headers;
    }

    private ConsumerRecord<String, byte[]> record(ParkedRecord.Position at, String key, byte[] value,
                                                  String storedHeaders) {
        List<Header> headers = new ArrayList<>();
        try {
            for (JsonNode header : json.readTree(storedHeaders)) {
                JsonNode headerValue = header.get("value");
                headers.add(new RecordHeader(header.get("name").asText(),
                        headerValue.isNull() ? null : Base64.getDecoder().decode(headerValue.asText())));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Its class, not its message: the parser quotes the stored text, which may name the youth.
            throw new IllegalStateException("unprojectable_event.record_headers is not JSON: "
                    + e.getClass().getSimpleName());
        }
        return new ConsumerRecord<>(at.topic(), at.partition(), at.offset(), ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, key, value,
                new RecordHeaders(headers), Optional.empty());
    }
}
