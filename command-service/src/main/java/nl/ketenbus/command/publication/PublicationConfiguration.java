package nl.ketenbus.command.publication;

import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.command.identity.SubjectPseudonyms;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Wiring of the at-least-once publication. Two settings carry the guarantee:
 * <ul>
 *   <li>the processor starts from the tail of the store with a plain (non-replay) token, so a first
 *       start against a store that already holds events publishes all of them;</li>
 *   <li>handler errors propagate instead of being logged and skipped (Axon's default), so a failed
 *       send rolls the batch back and the processor retries it.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ketenbus.publication.enabled", havingValue = "true", matchIfMissing = true)
class PublicationConfiguration {

    @Bean
    @ConditionalOnProperty(name = "ketenbus.publication.create-topic", havingValue = "true", matchIfMissing = true)
    NewTopic backboneTopic(PublicationProperties properties) {
        return new NewTopic(properties.topic(), properties.partitions(), properties.replicationFactor());
    }

    @Bean
    @ConditionalOnProperty(name = "ketenbus.publication.create-topic", havingValue = "true", matchIfMissing = true)
    NewTopic publicationStatusTopic(PublicationProperties properties) {
        return new NewTopic(properties.statusTopic(), 1, properties.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    @Bean
    KafkaTemplate<String, CloudEvent> cloudEventTemplate(KafkaProperties kafka) {
        Map<String, Object> producer = kafka.buildProducerProperties(null);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer));
    }

    @Bean
    CloudEventMapper cloudEventMapper(@Qualifier("eventSerializer") Serializer eventSerializer,
                                      SubjectPseudonyms pseudonyms) {
        return new CloudEventMapper(eventSerializer, pseudonyms::partnerEventRefOf);
    }

    @Bean
    PublicationMetrics publicationMetrics(MeterRegistry meters) {
        return new PublicationMetrics(meters);
    }

    @Bean
    PublicationBacklog publicationBacklog(JdbcTemplate jdbc, Serializer serializer) {
        return new PublicationBacklog(jdbc, serializer);
    }

    @Bean
    PublicationStatusAnnouncer publicationStatusAnnouncer(PublicationBacklog backlog,
                                                          KafkaTemplate<String, CloudEvent> cloudEventTemplate,
                                                          PublicationProperties properties, MeterRegistry meters) {
        return new PublicationStatusAnnouncer(backlog, cloudEventTemplate, properties, meters);
    }

    @Bean
    PublisherSegmentMerge publisherSegmentMerge(org.axonframework.config.Configuration axon,
                                                PublicationProperties properties) {
        return new PublisherSegmentMerge(axon, properties.segments());
    }

    @Bean
    KafkaPublisher kafkaPublisher(KafkaTemplate<String, CloudEvent> cloudEventTemplate, CloudEventMapper mapper,
                                  PublicationProperties properties, PublicationMetrics metrics) {
        return new KafkaPublisher(cloudEventTemplate, mapper, properties, metrics);
    }

    /**
     * A tracking processor, not a pooled one: its threads wait on the event store's stream, which the
     * store wakes when this node commits events, so a fact leaves for the broker milliseconds after
     * its commit. Axon's pooled processor cannot be woken by this store (the stream offers no
     * availability callback) and looks again only every 500 ms, which was half of the lag a case
     * director felt (issue 21). Events another node commits are found by the store's next fetch
     * ({@code ketenbus.event-store.fetch-delay}).
     *
     * <p>One segment by default, in batches of up to 1,000 events (ADR 0021 item 17). Each segment's
     * thread reads every event and keeps its share; one that falls more than the store's cache behind
     * reads the whole store on its own, so four threads behind read it four times, and each batch's
     * wait for the broker's acknowledgements is paid per segment. A store that already holds more
     * segments keeps a thread for each ({@link PublisherThreads}) until they are merged down to the
     * configured count ({@link PublisherSegmentMerge}).
     */
    @Bean
    ConfigurerModule publicationProcessor(PublicationProperties properties) {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(KafkaPublisher.PROCESSOR,
                        org.axonframework.config.Configuration::eventStore,
                        config -> TrackingEventProcessorConfiguration
                                .forParallelProcessing(PublisherThreads.needed(properties.segments(), config))
                                .andInitialSegmentsCount(properties.segments())
                                .andBatchSize(properties.batchSize())
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerListenerInvocationErrorHandler(KafkaPublisher.PROCESSOR,
                        config -> PropagatingErrorHandler.instance());
    }
}
