package nl.ketenbus.command.eventstore;

import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.PartnerEvents;
import nl.ketenbus.command.support.TopicReader;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A {@code SubjectRegistered} stored in contract version 1 (no revision, no personal data) still
 * rebuilds its subject, reads as version 2 and is published as {@code ...registered.v2}.
 */
class SubjectRegisteredUpcastingIT extends CommandServiceIntegrationTest {


    @Autowired
    EventStore events;

    @Test
    void aVersionOneRegistrationStillOpensTheSubjectAndIsReadAsVersionTwo() throws Exception {
        String subject = PartnerEvents.newSubjectRef();
        String eventId = UUID.randomUUID().toString();
        storeVersionOne(subject, eventId);

        var signal = new IntakeClient(port).post(signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT",
                "MULTIPLE_PHONES"));

        assertThat(signal.statusCode()).as(signal.body()).isEqualTo(202);
        Object first = events.readEvents(subject).asStream().findFirst().orElseThrow().getPayload();
        assertThat(first).isEqualTo(new SubjectRegistered(subject, null, null, null, null, null));
        List<ConsumerRecord<String, byte[]>> published = TopicReader.readAtLeast(Kafka.forTests().bootstrapServers(),
                topic, 2, Duration.ofSeconds(60), record -> subject.equals(record.key()));
        assertThat(published).extracting(record -> header(record, "ce_type"))
                .containsExactly("nl.ketenbus.subject.registered.v2", "nl.ketenbus.signal.raised.v1");
        assertThat(header(published.get(0), "ce_id")).isEqualTo(eventId);
    }

    private void storeVersionOne(String subject, String eventId) {
        String metaData = """
                {"partnerEventId":"legacy-1","partnerSource":"urn:ketenbus:org:politie","occurredAt":"2026-01-05T09:00:00+01:00"}""";
        jdbc.update("insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, "
                        + "meta_data, payload, payload_revision, payload_type, time_stamp) values (?, 0, 'Subject', ?, ?, ?, null, ?, ?)",
                subject, eventId, metaData.getBytes(StandardCharsets.UTF_8),
                ("{\"subjectRef\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8),
                SubjectRegistered.class.getName(), Instant.parse("2026-01-05T08:00:00Z").toString());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
