package nl.ketenbus.command.intake;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.command.identity.SubjectPseudonyms;
import nl.ketenbus.events.OrganisationCode;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Wiring of the Kafka intake channel. Offsets are committed per record after the listener
 * returned, i.e. after the outcome is durable or the record is held (ADR 0032); a record whose outcome
 * could not be made durable and that could not be held is retried for as long as that fails, never
 * skipped.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ketenbus.intake.kafka.enabled", havingValue = "true", matchIfMissing = true)
class KafkaIntakeConfiguration {

    /** A partner topic's segment: the broker deletes whole segments, so a record goes within a day of its time. */
    private static final Duration SEGMENT = Duration.ofDays(1);

    @Bean
    String[] partnerIntakeTopics(KafkaIntakeProperties properties) {
        return properties.inboundTopics().toArray(String[]::new);
    }

    @Bean
    @ConditionalOnProperty(name = "ketenbus.intake.kafka.create-topics", havingValue = "true", matchIfMissing = true)
    KafkaAdmin.NewTopics partnerTopics(KafkaIntakeProperties properties) {
        return new KafkaAdmin.NewTopics(java.util.Arrays.stream(OrganisationCode.values())
                .flatMap(partner -> java.util.stream.Stream.of(
                        new NewTopic(properties.topicOf(partner), properties.partitions(), properties.replication())
                                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG,
                                        String.valueOf(properties.inboundRetention().toMillis()),
                                        TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(SEGMENT.toMillis()))),
                        new NewTopic(properties.deadLetterTopicOf(partner), properties.partitions(),
                                properties.replication())
                                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG,
                                        String.valueOf(properties.deadLetterRetention().toMillis())))))
                .toArray(NewTopic[]::new));
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> partnerIntakeContainerFactory(
            KafkaProperties kafka, KafkaIntakeProperties properties, HeldRecords held) {
        Map<String, Object> consumer = kafka.buildConsumerProperties(null);
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        // Each record is read in a span that continues the partner's traceparent header (docs/security.md).
        factory.getContainerProperties().setObservationEnabled(true);
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(),
                new ByteArrayDeserializer()));
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        factory.setCommonErrorHandler(retryingForEver(properties.retryInterval()));
        factory.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                // Another node may have held records of these partitions: their youths' next records wait. Read
                // with the next record, not here: an assignment must not wait for the database.
                held.readAgain();
            }
        });
        return factory;
    }

    @Bean
    PartnerIntakeStart partnerIntakeStart(KafkaListenerEndpointRegistry listeners) {
        return new PartnerIntakeStart(listeners);
    }

    @Bean
    KafkaIntakeListener kafkaIntakeListener(CloudEventReader reader, EventIntake intake, ObjectMapper json,
                                            IntakeProperties intakeProperties, KafkaProperties kafka,
                                            KafkaIntakeProperties properties, IntakeMetrics metrics,
                                            SubjectPseudonyms pseudonyms, HeldRecords held) {
        Map<String, Object> producer = kafka.buildProducerProperties(null);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        KafkaTemplate<String, byte[]> deadLetterTemplate = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                producer, new StringSerializer(), new ByteArraySerializer()));
        return new KafkaIntakeListener(reader, intake,
                new KafkaRecordReader(json, intakeProperties.maxEventSize().toBytes()),
                new DeadLetters(deadLetterTemplate, pseudonyms::deadLetterDigestOf), properties, metrics, held);
    }

    /**
     * Retries a failed delivery until it succeeds, whatever the failure. Spring Kafka's handler gives up at
     * once on a few exceptions it deems fatal (a {@code ClassCastException}, a conversion failure) and then
     * skips the records, and the next delivery would carry on after them: here a skipped record is a lost
     * fact, so no failure is fatal.
     */
    static DefaultErrorHandler retryingForEver(Duration interval) {
        DefaultErrorHandler handler = new DefaultErrorHandler(new FixedBackOff(interval.toMillis(),
                FixedBackOff.UNLIMITED_ATTEMPTS));
        handler.setClassifications(Map.of(), true);
        return handler;
    }
}
