package nl.ketenbus.command.publication;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.events.backbone.PublicationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Measures the publication backlog every few seconds, exports it (metrics
 * {@code ketenbus.publication.backlog.events} and {@code .seconds}: the truth while the broker is
 * down) and announces it on the status topic for the query side. Every node announces the same
 * figure (it comes from the shared store); a failed announcement is only logged, the next one
 * follows.
 */
class PublicationStatusAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(PublicationStatusAnnouncer.class);
    private static final URI SOURCE = URI.create("urn:ketenbus:command-service");
    private static final long SEND_TIMEOUT_SECONDS = 5;

    private final PublicationBacklog backlog;
    private final KafkaTemplate<String, CloudEvent> kafka;
    private final PublicationProperties properties;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    PublicationStatusAnnouncer(PublicationBacklog backlog, KafkaTemplate<String, CloudEvent> kafka,
                               PublicationProperties properties, MeterRegistry meters) {
        this.backlog = backlog;
        this.kafka = kafka;
        this.properties = properties;
        Gauge.builder("ketenbus.publication.backlog.events", backlog,
                        b -> b.last().map(PublicationStatus::unpublishedEvents).orElse(-1L))
                .description("Events stored but not yet acknowledged by the broker (-1 until first measured)")
                .register(meters);
        Gauge.builder("ketenbus.publication.backlog.seconds", backlog, PublicationBacklog::seconds)
                .description("Age of the oldest event stored but not yet published; 0 when none waits")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${ketenbus.publication.status-interval:PT5S}",
            initialDelayString = "${ketenbus.publication.status-interval:PT5S}")
    void measureAndAnnounce() {
        PublicationStatus status;
        try {
            status = backlog.measure();
        } catch (RuntimeException e) {
            log.warn("Publication backlog not measured: {}", e.getClass().getName());
            return;
        }
        try {
            kafka.send(properties.statusTopic(), PublicationStatus.KEY, toCloudEvent(status))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.debug("Publication status not announced: {}", e.getClass().getName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CloudEvent toCloudEvent(PublicationStatus status) {
        try {
            return CloudEventBuilder.v1()
                    .withId(UUID.randomUUID().toString())
                    .withSource(SOURCE)
                    .withType(PublicationStatus.TYPE)
                    .withTime(status.measuredAt().atOffset(ZoneOffset.UTC))
                    .withDataContentType("application/json")
                    .withData(json.writeValueAsBytes(status))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize the publication status", e);
        }
    }
}
