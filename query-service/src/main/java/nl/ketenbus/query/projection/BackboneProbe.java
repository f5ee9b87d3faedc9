package nl.ketenbus.query.projection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import nl.ketenbus.events.backbone.PublicationStatus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads single records for the lag measurement, outside any consumer group: the latest publication
 * status, and when the record at a stored position was stored by the command side. Not thread-safe;
 * its owner serialises the calls.
 */
final class BackboneProbe implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(3);
    private static final String RECORDED_TIME_HEADER = "ce_recordedtime";

    private final KafkaConsumer<String, byte[]> consumer;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    BackboneProbe(Map<String, Object> consumerProperties) {
        Map<String, Object> properties = new HashMap<>(consumerProperties);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis());
        properties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis());
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The latest announcement on the status topic; empty when there is none (yet) or it cannot be read. */
    Optional<PublicationStatus> latestStatus(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try {
            long end = consumer.endOffsets(List.of(partition), PATIENCE).getOrDefault(partition, 0L);
            if (end == 0) {
                return Optional.empty();
            }
            return recordAt(partition, end - 1).flatMap(this::status);
        } catch (KafkaException e) {
            return Optional.empty();
        }
    }

    /** When the command side stored the record at this position; empty when it cannot be read. */
    Optional<Instant> recordedTimeAt(TopicPartition partition, long offset) {
        try {
            return recordAt(partition, offset).map(record -> {
                Header header = record.headers().lastHeader(RECORDED_TIME_HEADER);
                return header == null ? Instant.ofEpochMilli(record.timestamp())
                        : OffsetDateTime.parse(new String(header.value(), StandardCharsets.UTF_8)).toInstant();
            });
        } catch (KafkaException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Optional<ConsumerRecord<String, byte[]>> recordAt(TopicPartition partition, long offset) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, offset);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() >= offset) {
                    return Optional.of(record);
                }
            }
        }
        return Optional.empty();
    }

    /** The announcement in the record; empty when it is not one this release can read. */
    private Optional<PublicationStatus> status(ConsumerRecord<String, byte[]> record) {
        try {
            CloudEvent event = KafkaMessageFactory.createReader(record.headers(), record.value()).toEvent();
            if (!PublicationStatus.TYPE.equals(event.getType()) || event.getData() == null) {
                return Optional.empty();
            }
            return Optional.of(json.readValue(event.getData().toBytes(), PublicationStatus.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
