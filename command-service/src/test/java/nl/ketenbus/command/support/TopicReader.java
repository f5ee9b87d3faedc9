package nl.ketenbus.command.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what is on a topic from the beginning, as an independent consumer would. */
public final class TopicReader {

    private TopicReader() {
    }

    /** Where a record was written, as a dead letter names it ({@code topic-partition@offset}). */
    public static String origin(org.apache.kafka.clients.producer.RecordMetadata written) {
        return written.topic() + "-" + written.partition() + "@" + written.offset();
    }

    /** Polls until at least {@code expected} records were read or {@code timeout} passed. */
    public static List<ConsumerRecord<String, byte[]>> readAtLeast(String bootstrapServers, String topic,
                                                                   int expected, Duration timeout) {
        return readAtLeast(bootstrapServers, topic, expected, timeout, record -> true);
    }

    /**
     * Polls until at least {@code expected} records that {@code wanted} were read or {@code timeout}
     * passed; returns only those. For a topic that other tests of the same context write to as well.
     */
    public static List<ConsumerRecord<String, byte[]>> readAtLeast(String bootstrapServers, String topic,
                                                                   int expected, Duration timeout,
                                                                   Predicate<ConsumerRecord<String, byte[]>> wanted) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (records.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (wanted.test(record)) {
                        records.add(record);
                    }
                });
            }
        }
        return records;
    }
}
