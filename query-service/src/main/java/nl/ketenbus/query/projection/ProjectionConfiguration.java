package nl.ketenbus.query.projection;

import java.time.Duration;
import java.util.Map;

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
 * after a pause for as long as it fails: skipping it would lose events for the read models. (A record that
 * keeps its batch failing while the database answers is held by the consumer itself, ADR 0033.)
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
        factory.setCommonErrorHandler(retryingForEver(properties.retryInterval()));
        return factory;
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
