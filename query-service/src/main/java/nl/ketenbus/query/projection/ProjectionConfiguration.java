package nl.ketenbus.query.projection;

import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The projection's listener container. A batch that fails (database unavailable, a bug) is retried
 * after a pause for as long as it fails: skipping it would lose events for the read models.
 * Offsets are never committed to Kafka: the positions in PostgreSQL are the only truth.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> projectionContainerFactory(
            KafkaProperties kafka, ProjectionProperties properties) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(kafka.buildConsumerProperties(null)));
        factory.setBatchListener(true);
        factory.setConcurrency(properties.consumers());
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        factory.setCommonErrorHandler(new DefaultErrorHandler(
                new FixedBackOff(properties.retryInterval().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS)));
        return factory;
    }
}
