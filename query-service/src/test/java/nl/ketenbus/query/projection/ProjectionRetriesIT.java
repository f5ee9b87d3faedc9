package nl.ketenbus.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.KafkaCredentials;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A batch whose projection fails is delivered again, whatever the failure, on a real broker: Spring Kafka's
 * own handler skips a batch that failed with a {@code ClassCastException} (the second test shows the trap),
 * and the projection would then store positions past records it never applied.
 */
class ProjectionRetriesIT {

    private static final Kafka KAFKA = Kafka.forTests();

    @Test
    void aBatchThatFailedWithAnExceptionSpringDeemsFatalIsDeliveredAgain() throws Exception {
        List<List<Long>> deliveries = deliveriesFailingFirstWith(
                ProjectionConfiguration.retryingForEver(Duration.ofMillis(100)));

        assertThat(deliveries.get(1)).as("the failed batch again").isEqualTo(deliveries.get(0));
        assertThat(deliveries.get(0)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void springsOwnHandlerWouldSkipIt() throws Exception {
        List<List<Long>> deliveries = deliveriesFailingFirstWith(new DefaultErrorHandler(
                new FixedBackOff(100, FixedBackOff.UNLIMITED_ATTEMPTS)));

        assertThat(deliveries.get(0)).containsExactly(0L, 1L, 2L);
        assertThat(deliveries.get(1)).as("after the skipped batch, only the record sent later")
                .containsExactly(3L);
    }

    /**
     * Three records, a listener that fails its first batch with a {@code ClassCastException}, then a fourth
     * record once the failure was handled; the offsets of the first two deliveries.
     */
    private static List<List<Long>> deliveriesFailingFirstWith(CommonErrorHandler handler) throws Exception {
        String topic = KAFKA.freshTopic("projection-retries");
        KAFKA.createTopic(topic, 1);
        List<List<Long>> deliveries = new CopyOnWriteArrayList<>();
        ContainerProperties properties = new ContainerProperties(topic);
        properties.setGroupId(topic);
        properties.setAckMode(ContainerProperties.AckMode.MANUAL);
        properties.setMessageListener((BatchMessageListener<String, byte[]>) records -> {
            deliveries.add(records.stream().map(ConsumerRecord::offset).toList());
            if (deliveries.size() == 1) {
                throw new ClassCastException("a projection's own bug, once");
            }
        });
        Map<String, Object> consumer = new HashMap<>(KAFKA.clientProperties(KafkaCredentials.ADMIN));
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaMessageListenerContainer<String, byte[]> container = new KafkaMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(), new ByteArrayDeserializer()),
                properties);
        container.setCommonErrorHandler(handler);
        Map<String, Object> producer = new HashMap<>(KAFKA.clientProperties(KafkaCredentials.ADMIN));
        try (KafkaProducer<String, byte[]> records = new KafkaProducer<>(producer, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < 3; i++) {
                records.send(new ProducerRecord<>(topic, "youth", new byte[] {(byte) i})).get();
            }
            container.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> !deliveries.isEmpty());
                // A retry hands the listener the failed batch again; a poll after a skip finds this record.
                records.send(new ProducerRecord<>(topic, "youth", new byte[] {3})).get();
                await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.size() >= 2);
            } finally {
                container.stop();
            }
        }
        return List.copyOf(deliveries);
    }
}
