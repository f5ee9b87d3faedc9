package nl.ketenbus.command.publication;

import io.cloudevents.CloudEvent;
import nl.ketenbus.events.SubjectEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends every stored event to the backbone topic, keyed by subject so that one youth's events stay
 * in order on one partition. Runs in its own tracking processor (see
 * {@link PublicationConfiguration}), never in the command's transaction. The handler takes the
 * message, not the payload: the payload is published as stored, never deserialized here
 * ({@link CloudEventMapper}).
 */
@ProcessingGroup(KafkaPublisher.PROCESSOR)
class KafkaPublisher {

    static final String PROCESSOR = "kafka-publisher";

    private final KafkaTemplate<String, CloudEvent> kafka;
    private final CloudEventMapper mapper;
    private final PublicationProperties properties;
    private final PublicationMetrics metrics;

    KafkaPublisher(KafkaTemplate<String, CloudEvent> kafka, CloudEventMapper mapper, PublicationProperties properties,
                   PublicationMetrics metrics) {
        this.kafka = kafka;
        this.mapper = mapper;
        this.properties = properties;
        this.metrics = metrics;
    }

    @EventHandler(payloadType = SubjectEvent.class)
    void publish(EventMessage<?> message) {
        CloudEvent cloudEvent = mapper.toCloudEvent(message);
        PendingAcknowledgements.ofCurrentBatch(properties.ackTimeout(), metrics)
                .send(() -> kafka.send(properties.topic(), cloudEvent.getSubject(), cloudEvent));
    }
}
