package nl.ketenbus.query.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Every signed checkpoint also leaves the database: it is written to a Kafka topic of its own
 * ({@code ketenbus.audit.checkpoint-topic}, one partition, kept for ever), which whoever can change
 * the database cannot rewrite. The verifier requires the log to reach the newest exported
 * checkpoint with the same hash, so records cut off the end before it are found even by someone
 * who holds the database owner's rights. Checkpoints hold no personal data: a number, a hash and
 * a signature.
 */
@Component
public class CheckpointExport {

    /** One exported checkpoint, as signed. */
    public record Exported(long seq, String hash, Instant signedAt, String keyId, String signature) {
    }

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final String topic;
    private final Map<String, Object> producerProperties;
    private final Map<String, Object> consumerProperties;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private KafkaProducer<String, String> producer;

    CheckpointExport(KafkaProperties kafka, @Value("${ketenbus.audit.checkpoint-topic:ketenbus.audit.checkpoints.v1}")
                     String topic) {
        this.topic = topic;
        this.producerProperties = new HashMap<>(kafka.buildProducerProperties(null));
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProperties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) PATIENCE.toMillis());
        producerProperties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis());
        producerProperties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis() * 2);
        producerProperties.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.consumerProperties = new HashMap<>(kafka.buildConsumerProperties(null));
        consumerProperties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProperties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis());
        consumerProperties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis());
    }

    /** The topic, created at the start like the backbone's other topics: one partition, never deleted. */
    static NewTopic topic(String name, short replicationFactor) {
        return new NewTopic(name, 1, replicationFactor).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
    }

    /** Writes the checkpoint and waits for the broker's acknowledgement; throws when it does not come. */
    synchronized void export(Exported checkpoint) {
        try {
            producer().send(new ProducerRecord<>(topic, 0, "checkpoint", json.writeValueAsString(checkpoint)))
                    .get(PATIENCE.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (JsonProcessingException | ExecutionException | TimeoutException | KafkaException e) {
            throw new IllegalStateException("the checkpoint was not exported: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while exporting a checkpoint", e);
        }
    }

    /** The newest exported checkpoint; empty when none was exported yet; throws when it cannot be read. */
    Optional<Exported> newest() {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), PATIENCE).getOrDefault(partition, 0L);
            if (end == 0) {
                return Optional.empty();
            }
            consumer.seek(partition, end - 1);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == end - 1) {
                        return Optional.of(json.readValue(record.value(), Exported.class));
                    }
                }
            }
            throw new IllegalStateException("the newest exported checkpoint did not arrive within " + PATIENCE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the newest exported checkpoint cannot be read", e);
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerProperties, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(PATIENCE);
        }
    }
}
