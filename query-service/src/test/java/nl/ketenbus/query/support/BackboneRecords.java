package nl.ketenbus.query.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import nl.ketenbus.events.backbone.PublicationStatus;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts records on the backbone topic the way the command side does (CloudEvents Kafka binding,
 * binary mode), and malformed ones the way a bug would: the one place query tests make records.
 */
public final class BackboneRecords implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<String, CloudEvent> events;
    private final KafkaProducer<String, byte[]> raw;

    public BackboneRecords(String bootstrapServers, String topic) {
        this.topic = topic;
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all");
        this.events = new KafkaProducer<>(config, new StringSerializer(), new CloudEventSerializer());
        this.raw = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public static CloudEvent signalRaised(String subjectRef, String organisation, OffsetDateTime occurredAt) {
        String data = """
                {"subjectRef":"%s","signalId":"sig-%s","category":"BEZIT","indicator":"MULTIPLE_PHONES","observedOn":"%s"}
                """.formatted(subjectRef, UUID.randomUUID(), occurredAt.toLocalDate()).strip();
        return event(subjectRef, organisation, "nl.ketenbus.signal.raised.v1", data, occurredAt);
    }

    public static CloudEvent caseOpened(String subjectRef, OffsetDateTime occurredAt) {
        return event(subjectRef, "gemeente", "nl.ketenbus.case.opened.v1",
                "{\"subjectRef\":\"" + subjectRef + "\",\"caseId\":\"pga-1\"}", occurredAt);
    }

    /** The case's director in person (the command side names one with every opening). */
    public static CloudEvent caseDirected(String subjectRef, String directorUserId, OffsetDateTime occurredAt) {
        return event(subjectRef, "gemeente", "nl.ketenbus.case.director-assigned.v1", "{\"subjectRef\":\"" + subjectRef
                + "\",\"caseId\":\"pga-1\",\"directorUserId\":\"" + directorUserId + "\"}", occurredAt);
    }

    /** A participant joins or leaves the youth's case ({@code added} or {@code removed}). */
    public static CloudEvent participant(String change, String subjectRef, String organisation, OffsetDateTime occurredAt) {
        return event(subjectRef, "gemeente", "nl.ketenbus.case.participant-" + change + ".v1",
                "{\"subjectRef\":\"" + subjectRef + "\",\"caseId\":\"pga-1\",\"organisation\":\""
                        + organisation.toUpperCase(java.util.Locale.ROOT) + "\"}", occurredAt);
    }

    public static CloudEvent event(String subjectRef, String organisation, String type, String data,
                                   OffsetDateTime occurredAt) {
        return event(subjectRef, organisation, type, data, occurredAt, OffsetDateTime.now());
    }

    /** As recorded by the backbone at {@code recordedAt} (e.g. long ago, for retention). */
    public static CloudEvent event(String subjectRef, String organisation, String type, String data,
                                   OffsetDateTime occurredAt, OffsetDateTime recordedAt) {
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("urn:ketenbus:org:" + organisation))
                .withType(type)
                .withSubject(subjectRef)
                .withTime(occurredAt)
                .withDataContentType("application/json")
                .withData(data.getBytes(StandardCharsets.UTF_8))
                .withExtension("partnereventid", UUID.randomUUID().toString())
                .withExtension("recordedtime", recordedAt)
                .withExtension("streamsequence", 1L)
                .build();
    }

    public void send(CloudEvent event) {
        await(events.send(new ProducerRecord<>(topic, event.getSubject(), event)));
    }

    /** Announces a publication status on the status topic, as the command side does every few seconds. */
    public void announce(String statusTopic, PublicationStatus status) {
        byte[] data;
        try {
            data = new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsBytes(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        await(events.send(new ProducerRecord<>(statusTopic, PublicationStatus.KEY, CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("urn:ketenbus:command-service"))
                .withType(PublicationStatus.TYPE)
                .withTime(status.measuredAt().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(data)
                .build())));
    }

    public void sendRaw(String key, byte[] value) {
        await(raw.send(new ProducerRecord<>(topic, key, value)));
    }

    /** A record with these headers (name, value, name, value, ...), as a faulty producer would write one. */
    public void sendRaw(String key, byte[] value, String... headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        for (int i = 0; i < headers.length; i += 2) {
            record.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        await(raw.send(record));
    }

    private static void await(java.util.concurrent.Future<?> sent) {
        try {
            sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Send failed", e.getCause());
        }
    }

    @Override
    public void close() {
        events.close();
        raw.close();
    }
}
