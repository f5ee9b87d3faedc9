package nl.ketenbus.command.publication;

import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.command.support.CommandServiceInfrastructure;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.TopicReader;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.events.backbone.PublicationStatus;
import nl.ketenbus.devinfra.ServiceSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * At-least-once publication from the event store to a real broker: nothing stored is ever skipped,
 * neither on the first start against a store that already holds events, nor when the broker refuses,
 * nor when the store holds more segments than the node is configured for and they are merged.
 */
class KafkaPublicationIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String NAMED_ID = "Jan Jansen 2010-05-01 melding " + UUID.randomUUID();

    @Test
    void publishesEverythingAlreadyInTheStoreOnItsFirstStart() throws Exception {
        ServiceSettings settings = ServiceSettings.forTests("command");
        String topic = Kafka.forTests().freshTopic("ketenbus.events.test");
        String subject;
        try (ConfigurableApplicationContext withoutPublisher = start(settings, topic, "ketenbus.publication.enabled=false")) {
            subject = intake(withoutPublisher).registerNewYouth();
            // A partner may write anything into its event's id, a name too: it goes neither into the store
            // nor onto the topic.
            post(withoutPublisher, signalRaised(subject, "urn:ketenbus:org:jongerenwerk", "CONTACTEN", "OLDER_YOUTHS")
                    .put("id", NAMED_ID));
            post(withoutPublisher, signalRaised(subject, "urn:ketenbus:org:onderwijs", "GEDRAG", "LYING_OR_EXCUSES"));
        }

        try (ConfigurableApplicationContext withPublisher = start(settings, topic)) {
            List<ConsumerRecord<String, byte[]>> records = TopicReader.readAtLeast(
                    settings.kafka().bootstrapServers(), topic, 5, PATIENCE);

            // The two signals of two organisations match, and make the youth's target-group assessment:
            // the backbone's own conclusions, published under the gemeente as their source.
            assertThat(records).hasSize(5).allSatisfy(record -> assertThat(record.key()).isEqualTo(subject));
            assertThat(records).extracting(record -> header(record, "ce_id"))
                    .containsExactlyElementsOf(storedEventIds(withPublisher, subject));
            // Made by the service's Axon, the events' ids are ordered by time (ADR 0021 item 15).
            assertThat(storedEventIds(withPublisher, subject))
                    .allSatisfy(id -> assertThat(UUID.fromString(id).version()).as(id).isEqualTo(7));
            assertThat(records).extracting(record -> header(record, "ce_type")).containsExactly(
                    "nl.ketenbus.subject.registered.v2", "nl.ketenbus.signal.raised.v1", "nl.ketenbus.signal.raised.v1",
                    "nl.ketenbus.assessment.signals-matched.v1", "nl.ketenbus.assessment.target-group-assessed.v1");
            assertThat(records).extracting(record -> header(record, "ce_source")).containsExactly(
                    "urn:ketenbus:org:politie", "urn:ketenbus:org:jongerenwerk", "urn:ketenbus:org:onderwijs",
                    "urn:ketenbus:org:gemeente", "urn:ketenbus:org:gemeente");
            assertThat(records).extracting(record -> header(record, "ce_streamsequence"))
                    .containsExactly("0", "1", "2", "3", "4");
            ConsumerRecord<String, byte[]> signal = records.get(1);
            assertThat(header(signal, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(signal, "ce_subject")).isEqualTo(subject);
            assertThat(header(signal, "content-type")).isEqualTo("application/json");
            assertThat(records.subList(0, 3)).extracting(record -> header(record, "ce_partnereventid"))
                    .allSatisfy(id -> assertThat(id).matches("pev-[0-9a-f]{32}")).doesNotHaveDuplicates();
            assertThat(records.subList(3, 5)).extracting(record -> header(record, "ce_partnereventid"))
                    .allSatisfy(id -> assertThat(id).startsWith("ketenbus-"));
            assertThat(Arrays.stream(signal.headers().toArray()).map(header -> new String(header.value(),
                    StandardCharsets.UTF_8))).noneMatch(value -> value.contains("Jansen"));
            assertThat(withPublisher.getBean(JdbcTemplate.class).queryForObject("select count(*) from "
                    + "domain_event_entry where convert_from(meta_data, 'UTF8') like '%Jansen%'", Integer.class))
                    .as("the stored metadata").isZero();
            assertThat(new String(signal.value(), StandardCharsets.UTF_8))
                    .contains("\"indicator\":\"OLDER_YOUTHS\"", "\"observedOn\":\"2026-03-14\"");
        }
    }

    @Test
    void keepsItsPositionUntilTheBrokerAcknowledgesAndThenPublishesEverything() throws Exception {
        ServiceSettings settings = ServiceSettings.forTests("command");
        Kafka kafka = Kafka.forTests();
        String topic = kafka.freshTopic("ketenbus.events.missing");
        try (ConfigurableApplicationContext service = start(settings, topic,
                "ketenbus.publication.create-topic=false",
                "ketenbus.publication.ack-timeout=3s",
                "spring.kafka.producer.properties.max.block.ms=1000")) {
            String subject = intake(service).registerNewYouth();
            post(service, signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"));
            MeterRegistry meters = service.getBean(MeterRegistry.class);

            // The topic does not exist and the broker creates none: every send fails.
            await().atMost(PATIENCE).until(() -> counter(meters, "ketenbus.publication.failed.batches") >= 1);
            assertThat(counter(meters, "ketenbus.publication.events")).isZero();
            PublicationBacklog backlog = service.getBean(PublicationBacklog.class);
            PublicationStatus waiting = backlog.measure();
            assertThat(waiting.unpublishedEvents()).as("the registration and the signal").isEqualTo(2);
            assertThat(waiting.oldestUnpublishedRecordedAt()).isEqualTo(storedTimes(service, subject).get(0));
            assertThat(meters.get("ketenbus.publication.backlog.events").gauge().value()).isEqualTo(2.0);

            kafka.createTopic(topic, 3);

            List<ConsumerRecord<String, byte[]>> records = TopicReader.readAtLeast(
                    kafka.bootstrapServers(), topic, 2, PATIENCE);
            assertThat(records).extracting(record -> header(record, "ce_id"))
                    .containsExactlyElementsOf(storedEventIds(service, subject));
            await().atMost(PATIENCE).until(() -> counter(meters, "ketenbus.publication.events") >= 2);
            PublicationStatus published = backlog.measure();
            assertThat(published.unpublishedEvents()).isZero();
            assertThat(published.oldestUnpublishedRecordedAt()).isNull();
        }
    }

    @Test
    void aStoreWithMoreSegmentsThanConfiguredKeepsAThreadForEachUntilTheyAreMergedAndPublishesEveryYouth()
            throws Exception {
        ServiceSettings settings = ServiceSettings.forTests("command");
        String topic = Kafka.forTests().freshTopic("ketenbus.events.segments");
        try (ConfigurableApplicationContext fourSegments = start(settings, topic, "ketenbus.publication.segments=4")) {
            intake(fourSegments).registerNewYouth();
            TopicReader.readAtLeast(settings.kafka().bootstrapServers(), topic, 1, PATIENCE);
            assertThat(storedSegments(fourSegments)).containsExactlyInAnyOrder(0, 1, 2, 3);
        }

        try (ConfigurableApplicationContext configuredForOne = start(settings, topic, "ketenbus.publication.segments=1",
                "ketenbus.publication.merge-interval=PT1S")) {
            assertThat(publisher(configuredForOne).maxCapacity()).as("a thread for each stored segment").isEqualTo(4);
            // Youths until each of the four segments has one, while they are being merged: a segment
            // without a thread, or a merge that lost a half's position, would keep facts from the broker.
            Segment[] segments = Segment.computeSegments(0, 1, 2, 3);
            Set<Integer> covered = new HashSet<>();
            while (covered.size() < segments.length) {
                String subject = intake(configuredForOne).registerNewYouth();
                Arrays.stream(segments).filter(segment -> segment.matches(subject))
                        .forEach(segment -> covered.add(segment.getSegmentId()));
            }
            await().atMost(PATIENCE).until(() -> storedSegments(configuredForOne).equals(List.of(0)));
            intake(configuredForOne).registerNewYouth();

            List<String> stored = configuredForOne.getBean(JdbcTemplate.class)
                    .queryForList("select event_identifier from domain_event_entry", String.class);
            // At least once: a retried batch may come twice, so read until every stored id is there.
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(TopicReader.readAtLeast(
                    settings.kafka().bootstrapServers(), topic, stored.size(), Duration.ofSeconds(10)))
                    .extracting(record -> header(record, "ce_id")).containsAll(stored));
        }
    }

    @Test
    void halvesWhoseSiblingsAnotherNodeHoldsKeepPublishingAndAreMergedOnceThatNodeLetsGo() throws Exception {
        ServiceSettings settings = ServiceSettings.forTests("command");
        String topic = Kafka.forTests().freshTopic("ketenbus.events.spread");
        try (ConfigurableApplicationContext fourSegments = start(settings, topic, "ketenbus.publication.segments=4")) {
            await().atMost(PATIENCE).until(() -> storedSegments(fourSegments).size() == 4);
        }
        // Another node's claim on segments 2 and 3, as PostgreSQL holds it (two nodes in one JVM would
        // share one owner name, so the other node is its claim alone): this node can hold 0 and 1 only,
        // and each of them is the sibling of one the other node holds.
        JdbcTemplate store = new JdbcTemplate(new DriverManagerDataSource(settings.postgres().jdbcUrl(settings.schema()),
                settings.postgres().username(), settings.postgres().password()));
        store.update("update token_entry set owner = 'another-node', timestamp = ? where processor_name = ? "
                + "and segment in (2, 3)", Instant.now().plus(Duration.ofHours(1)).toString(), KafkaPublisher.PROCESSOR);

        try (ConfigurableApplicationContext node = start(settings, topic, "ketenbus.publication.segments=1",
                "ketenbus.publication.merge-interval=PT1S")) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(publisher(node).processingStatus().keySet())
                    .containsExactlyInAnyOrder(0, 1));
            // The merge looks every second and finds no pair this node holds: the four segments stay.
            await().during(Duration.ofSeconds(3)).atMost(PATIENCE)
                    .until(() -> storedSegments(node).size() == 4);

            Segment[] held = {Segment.computeSegment(0, 0, 1, 2, 3), Segment.computeSegment(1, 0, 1, 2, 3)};
            Set<String> subjects = new HashSet<>();
            Set<Integer> covered = new HashSet<>();
            while (covered.size() < held.length) {
                String subject = intake(node).registerNewYouth();
                Arrays.stream(held).filter(segment -> segment.matches(subject)).forEach(segment -> {
                    subjects.add(subject);
                    covered.add(segment.getSegmentId());
                });
            }
            // The halves this node holds keep publishing while their siblings are another node's.
            List<ConsumerRecord<String, byte[]>> records = TopicReader.readAtLeast(settings.kafka().bootstrapServers(),
                    topic, subjects.size(), Duration.ofSeconds(20), record -> subjects.contains(record.key()));
            assertThat(records).extracting(ConsumerRecord::key).containsAll(subjects);
            assertThat(storedSegments(node)).containsExactlyInAnyOrder(0, 1, 2, 3);

            // The other node lets go: this node takes its segments and merges them all.
            store.update("update token_entry set owner = null where processor_name = ? and segment in (2, 3)",
                    KafkaPublisher.PROCESSOR);
            await().atMost(PATIENCE).until(() -> storedSegments(node).equals(List.of(0)));
            List<String> stored = store.queryForList("select event_identifier from domain_event_entry", String.class);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(TopicReader.readAtLeast(
                    settings.kafka().bootstrapServers(), topic, stored.size(), Duration.ofSeconds(10)))
                    .extracting(record -> header(record, "ce_id")).containsAll(stored));
        }
    }

    @Test
    void aNewStoreGetsTheConfiguredSegmentsAndAThreadForEach() {
        ServiceSettings settings = ServiceSettings.forTests("command");
        String topic = Kafka.forTests().freshTopic("ketenbus.events.new");
        try (ConfigurableApplicationContext service = start(settings, topic)) {
            await().atMost(PATIENCE).until(() -> !storedSegments(service).isEmpty());
            assertThat(storedSegments(service)).as("the default").containsExactly(0);
            assertThat(publisher(service).maxCapacity()).isEqualTo(1);
        }
    }

    private static TrackingEventProcessor publisher(ConfigurableApplicationContext service) {
        return service.getBean(org.axonframework.config.Configuration.class).eventProcessingConfiguration()
                .eventProcessor(KafkaPublisher.PROCESSOR, TrackingEventProcessor.class).orElseThrow();
    }

    private static List<Integer> storedSegments(ConfigurableApplicationContext service) {
        return service.getBean(JdbcTemplate.class).queryForList(
                "select segment from token_entry where processor_name = ?", Integer.class, KafkaPublisher.PROCESSOR);
    }

    private static ConfigurableApplicationContext start(ServiceSettings settings, String topic, String... extra) {
        return CommandServiceInfrastructure.start(settings, topic, extra);
    }

    private static IntakeClient intake(ConfigurableApplicationContext service) {
        return new IntakeClient(CommandServiceInfrastructure.port(service));
    }

    private static void post(ConfigurableApplicationContext service, ObjectNode event) throws Exception {
        HttpResponse<String> response = intake(service).post(event);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static List<String> storedEventIds(ConfigurableApplicationContext service, String subject) {
        return service.getBean(JdbcTemplate.class).queryForList("select event_identifier from domain_event_entry "
                + "where aggregate_identifier = ? order by sequence_number", String.class, subject);
    }

    private static List<Instant> storedTimes(ConfigurableApplicationContext service, String subject) {
        return service.getBean(JdbcTemplate.class).queryForList("select time_stamp from domain_event_entry "
                + "where aggregate_identifier = ? order by global_index", String.class, subject).stream()
                .map(Instant::parse).toList();
    }

    private static double counter(MeterRegistry meters, String name) {
        return meters.get(name).counter().count();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
