package nl.ketenbus.query.projection;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Optional;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import nl.ketenbus.query.support.BackboneRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Why a backbone record cannot be projected, said without quoting what it holds. */
class CloudEventRecordsTest {

    @Test
    void dataThatIsNotJsonIsRefusedByWhereItBreaksNotByWhatItSays() {
        CloudEvent event = BackboneRecords.event("sr-records-test-1", "politie", "nl.ketenbus.signal.raised.v1",
                "{\"familyName\": Jansen}", OffsetDateTime.parse("2026-03-14T10:00:00+01:00"));
        ProducerRecord<String, byte[]> sent = KafkaMessageFactory.createWriter("ketenbus.events.v1", "sr-records-test-1")
                .writeBinary(event);
        ConsumerRecord<String, byte[]> received = new ConsumerRecord<>(sent.topic(), 0, 7L, 0L,
                TimestampType.CREATE_TIME, 0, 0, sent.key(), sent.value(), sent.headers(), Optional.empty());

        assertThatThrownBy(() -> new CloudEventRecords().read(received))
                .isInstanceOf(CloudEventRecords.UnprojectableRecord.class)
                .hasMessageStartingWith("data is not JSON")
                .hasMessageNotContaining("Jansen");
        assertThatThrownBy(() -> new CloudEventRecords().read(received))
                .hasMessageNotContaining(new String(event.getData().toBytes(), StandardCharsets.UTF_8));
    }
}
