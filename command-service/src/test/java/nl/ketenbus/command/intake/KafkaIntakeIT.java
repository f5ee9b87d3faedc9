package nl.ketenbus.command.intake;
import static nl.ketenbus.command.support.PartnerEvents.correction;
import static nl.ketenbus.command.support.PartnerEvents.identification;
import static nl.ketenbus.command.support.PartnerEvents.randomBsn;
import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.command.support.CommandServiceInfrastructure;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.TopicReader;
import nl.ketenbus.devinfra.Kafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Kafka intake channel against a real broker and the real event store. */
class KafkaIntakeIT extends CommandServiceIntegrationTest {

    private static final String PREFIX = "ketenbus.intake.test" + UUID.randomUUID().toString().substring(0, 8);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void kafkaIntake(DynamicPropertyRegistry registry) {
        CommandServiceInfrastructure.registerKafkaIntake(registry, PREFIX);
    }

    @BeforeAll
    static void startProducer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.forTests().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopProducer() {
        producer.close();
    }

    @Test
    void acceptsAStructuredCloudEventFromThePartnersTopic() throws Exception {
        String subject = intake().registerNewYouth();
        ObjectNode signal = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES");

        sendStructured("politie", signal);

        await().atMost(PATIENCE).until(() -> storedEventsOf(subject) == 2);
        assertThat(jdbc.queryForObject("select channel from intake_receipt where event_ref = ?", String.class,
                receiptReferenceOf(signal))).isEqualTo("kafka");
    }

    @Test
    void refusesAnIdentificationOnATopicAndNeverCopiesItsPersonalData() throws Exception {
        refusesAFormOnATopicWithoutCopyingIt(identification("urn:ketenbus:org:politie", randomBsn()));
    }

    @Test
    void refusesACorrectionOnATopicAndNeverCopiesItsPersonalData() throws Exception {
        refusesAFormOnATopicWithoutCopyingIt(correction("urn:ketenbus:org:politie", registeredOverHttp(), "Bakker"));
    }

    private void refusesAFormOnATopicWithoutCopyingIt(ObjectNode form) throws Exception {
        long before = allStoredEvents();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(PREFIX + ".politie.v1", "form-" + form.get("id").asText(),
                form.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        RecordMetadata sent = producer.send(record).get(10, TimeUnit.SECONDS);

        ConsumerRecord<String, byte[]> dead = deadLetter("politie", sent);

        assertThat(header(dead, DeadLetters.PROBLEM)).isEqualTo("urn:ketenbus:problem:identification-https-only");
        assertThat(dead.value()).isNull();
        assertThat(header(dead, DeadLetters.VALUE_DIGEST)).matches("[0-9a-f]{64}");
        assertThat(allStoredEvents()).isEqualTo(before);
    }

    @Test
    void keepsDeadLettersForTheirOwnPeriodOnly() throws Exception {
        ConfigResource deadLetters = new ConfigResource(ConfigResource.Type.TOPIC, PREFIX + ".politie.v1.dlt");
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Kafka.forTests().bootstrapServers()))) {
            String retention = admin.describeConfigs(List.of(deadLetters)).all().get(10, TimeUnit.SECONDS)
                    .get(deadLetters).get(TopicConfig.RETENTION_MS_CONFIG).value();
            assertThat(Duration.ofMillis(Long.parseLong(retention))).isEqualTo(Duration.ofDays(30));
        }
    }

    @Test
    void keepsAPartnersRecordsTwoWeeksNotForEver() throws Exception {
        ConfigResource inbound = new ConfigResource(ConfigResource.Type.TOPIC, PREFIX + ".politie.v1");
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Kafka.forTests().bootstrapServers()))) {
            var config = admin.describeConfigs(List.of(inbound)).all().get(10, TimeUnit.SECONDS).get(inbound);
            assertThat(Duration.ofMillis(Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value())))
                    .isEqualTo(Duration.ofDays(14));
            assertThat(Duration.ofMillis(Long.parseLong(config.get(TopicConfig.SEGMENT_MS_CONFIG).value())))
                    .isEqualTo(Duration.ofDays(1));
        }
    }

    /** The partner's trace continues into the stored fact, with the partner's system as its actor. */
    @Test
    void keepsThePartnersTraceAndActorWithTheStoredFact() throws Exception {
        String subject = intake().registerNewYouth();
        ObjectNode signal = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(PREFIX + ".politie.v1", subject,
                signal.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        record.headers().add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
                .getBytes(StandardCharsets.US_ASCII));

        producer.send(record).get(10, TimeUnit.SECONDS);

        await().atMost(PATIENCE).until(() -> storedEventsOf(subject) == 2);
        String metaData = jdbc.queryForObject("select convert_from(meta_data, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 1", String.class, subject);
        assertThat(metaData).containsPattern("\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01\"")
                .containsPattern("\"actor\":\"act-[0-9a-f]{32}\"").doesNotContain("politie-kafka");
    }

    @Test
    void acceptsABinaryModeCloudEvent() throws Exception {
        String subject = registeredOverHttp();
        ObjectNode signal = signalRaised(subject, "urn:ketenbus:org:leerplicht", "OVERIG", "TRUANCY_OR_FALLING_GRADES");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(PREFIX + ".leerplicht.v1", subject,
                signal.get("data").toString().getBytes(StandardCharsets.UTF_8));
        for (String attribute : List.of("specversion", "id", "source", "type", "subject", "time")) {
            record.headers().add("ce_" + attribute, signal.get(attribute).asText().getBytes(StandardCharsets.UTF_8));
        }
        record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));

        producer.send(record).get(10, TimeUnit.SECONDS);

        await().atMost(PATIENCE).until(() -> storedEventsOf(subject) == 2);
    }

    @Test
    void deadLettersARefusedRecordWithItsReasonAndStoresNothing() throws Exception {
        String subject = intake().registerNewYouth();
        ObjectNode invalid = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES");
        invalid.remove("type");

        RecordMetadata sent = sendStructured("politie", invalid);

        ConsumerRecord<String, byte[]> dead = deadLetter("politie", sent);
        assertThat(header(dead, DeadLetters.PROBLEM)).isEqualTo("urn:ketenbus:problem:missing-attribute");
        assertThat(header(dead, DeadLetters.POINTERS)).isEqualTo("/type");
        assertThat(header(dead, DeadLetters.ORIGIN)).isEqualTo(TopicReader.origin(sent));
        // Nothing of the refused record but where it was and a digest: no value, no key, no subject.
        assertThat(dead.value()).isNull();
        assertThat(dead.key()).isEqualTo(TopicReader.origin(sent));
        assertThat(header(dead, DeadLetters.VALUE_BYTES)).isEqualTo(String.valueOf(invalid.toString()
                .getBytes(StandardCharsets.UTF_8).length));
        assertThat(dead.headers().toArray()).noneMatch(header -> new String(header.value(), StandardCharsets.UTF_8)
                .contains(subject));
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void deadLettersAnEventPublishedOnAnotherPartnersTopic() throws Exception {
        String subject = intake().registerNewYouth();

        RecordMetadata sent = sendStructured("halt", signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT",
                "MULTIPLE_PHONES"));

        ConsumerRecord<String, byte[]> dead = deadLetter("halt", sent);
        assertThat(header(dead, DeadLetters.PROBLEM)).isEqualTo("urn:ketenbus:problem:source-not-caller");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void treatsTheSameEventOverHttpAfterKafkaAsADuplicate() throws Exception {
        String subject = intake().registerNewYouth();
        ObjectNode signal = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES");
        sendStructured("politie", signal);
        await().atMost(PATIENCE).until(() -> storedEventsOf(subject) == 2);

        HttpResponse<String> retry = intake().post(signal);

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).contains("\"outcome\":\"duplicate\"");
        assertThat(storedEventsOf(subject)).isEqualTo(2);
    }

    /**
     * A busy intake is a moment's overload, not the record's fault: the record is tried again, never
     * dead-lettered. The youth's lane is held up by a lock on the receipts (its group cannot commit),
     * a second event waits behind it for longer than the lane's allowed wait (1 s, seen in the lanes'
     * gauge), and then the lane refuses: over HTTP with 503 and Retry-After, on Kafka by retrying until
     * the lock is gone (each refusal counted).
     */
    @Test
    void retriesARecordTheBusyIntakeRefusedInsteadOfDeadLetteringIt() throws Exception {
        String subject = registeredOverHttp();
        CompletableFuture<HttpResponse<String>> held;
        CompletableFuture<HttpResponse<String>> waiting;
        ObjectNode overKafka = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES");
        try (Connection lock = jdbc.getDataSource().getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("lock table intake_receipt in share mode");
            }
            held = postLater(signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"));
            // The lane's group is in the database, waiting for the lock: the lane is held.
            await().atMost(PATIENCE).until(() -> jdbc.queryForObject("select count(*) from pg_stat_activity "
                    + "where wait_event_type = 'Lock' and query ilike '%intake_receipt%'", Long.class) > 0);
            waiting = postLater(signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"));
            // It reached the lane's queue and has waited there longer than the allowed second.
            await().atMost(PATIENCE).until(() -> meters.get("ketenbus.intake.oldest.wait").gauge().value() > 1.0);

            HttpResponse<String> busy = intake().post(signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT",
                    "MULTIPLE_PHONES"), Duration.ofSeconds(20));
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.body()).contains("urn:ketenbus:problem:intake-busy");
            assertThat(busy.headers().firstValue("Retry-After")).contains("1");
            double busyOnKafka = kafkaBusyRefusals();
            sendStructured("politie", overKafka);
            // Refused at least twice while the lane is held: once, and once more when tried again.
            await().atMost(PATIENCE).until(() -> kafkaBusyRefusals() >= busyOnKafka + 2);
            lock.rollback();
        }

        assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        assertThat(waiting.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> storedEventsOf(subject) == 4);
        assertThat(jdbc.queryForObject("select channel from intake_receipt where event_ref = ?", String.class,
                receiptReferenceOf(overKafka))).isEqualTo("kafka");
    }

    private double kafkaBusyRefusals() {
        Counter counter = meters.find("ketenbus.intake.events").tags("channel", "kafka", "outcome", "refused",
                "reason", IntakeLanes.BUSY).counter();
        return counter == null ? 0 : counter.count();
    }

    private CompletableFuture<HttpResponse<String>> postLater(ObjectNode event) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return intake().post(event);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private IntakeClient intake() {
        return new IntakeClient(port);
    }

    private String registeredOverHttp() throws Exception {
        return intake().registerNewYouth();
    }

    private RecordMetadata sendStructured(String partner, ObjectNode event) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(PREFIX + "." + partner + ".v1",
                event.path("subject").asText(), event.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        return producer.send(record).get(10, TimeUnit.SECONDS);
    }

    /** The dead letter of the record sent: other tests write to the same topic, so it is found by its origin. */
    private ConsumerRecord<String, byte[]> deadLetter(String partner, RecordMetadata sent) {
        String origin = TopicReader.origin(sent);
        return await().atMost(PATIENCE).until(() -> TopicReader.readAtLeast(Kafka.forTests().bootstrapServers(),
                        PREFIX + "." + partner + ".v1.dlt", 1, Duration.ofSeconds(2),
                        record -> origin.equals(record.key())).stream().findFirst().orElse(null),
                record -> record != null);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

}
