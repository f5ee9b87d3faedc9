package nl.ketenbus.query.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which events were applied, and which records could not be projected and why. */
@Repository
class ProjectionLedger {

    private final JdbcTemplate jdbc;

    ProjectionLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the event applied; false when it already was (a re-published copy). */
    boolean markApplied(String eventId) {
        return jdbc.update("insert into applied_event (event_id) values (?) on conflict do nothing", eventId) == 1;
    }

    void keepUnprojectable(ConsumerRecord<String, byte[]> record, String reason) {
        jdbc.update("insert into unprojectable_event (topic, kafka_partition, kafka_offset, reason, record_key, record_value) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict do nothing",
                record.topic(), record.partition(), record.offset(), reason, record.key(), record.value());
    }
}
