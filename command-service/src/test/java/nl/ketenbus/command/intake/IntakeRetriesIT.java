package nl.ketenbus.command.intake;

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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

/**
 * A partner's record whose intake failed, whatever the failure, is delivered again and never skipped, on a real
 * broker: the Kafka intake's handler (Spring Kafka's own skips a record that failed with a
 * {@code ClassCastException}, as {@code ProjectionRetriesIT} in the query service shows).
 */
class IntakeRetriesIT {

    private static final Kafka KAFKA = Kafka.forTests();

    @Test
    void aRecordThatFailedWithAnExceptionSpringDeemsFatalIsDeliveredAgainBeforeTheNext() throws Exception {
        String topic = KAFKA.freshTopic("intake-retries");
        KAFKA.createTopic(topic, 1);
        List<Long> delivered = new CopyOnWriteArrayList<>();
        ContainerProperties properties = new ContainerProperties(topic);
        properties.setGroupId(topic);
        properties.setAckMode(ContainerProperties.AckMode.RECORD);
        properties.setMessageListener((MessageListener<String, byte[]>) record -> {
            delivered.add(record.offset());
            if (delivered.size() == 1) {
                throw new ClassCastException("an intake's own bug, once");
            }
        });
        Map<String, Object> consumer = new HashMap<>(KAFKA.clientProperties(KafkaCredentials.ADMIN));
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaMessageListenerContainer<String, byte[]> container = new KafkaMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(), new ByteArrayDeserializer()),
                properties);
        container.setCommonErrorHandler(KafkaIntakeConfiguration.retryingForEver(Duration.ofMillis(100)));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                new HashMap<>(KAFKA.clientProperties(KafkaCredentials.ADMIN)), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "youth", new byte[] {0})).get();
            producer.send(new ProducerRecord<>(topic, "youth", new byte[] {1})).get();
            container.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() >= 3);
            } finally {
                container.stop();
            }
        }

        assertThat(delivered).startsWith(0L, 0L, 1L);
    }
}
