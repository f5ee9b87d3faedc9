package nl.ketenbus.command.intake;

import static nl.ketenbus.command.support.PartnerEvents.correction;
import static nl.ketenbus.command.support.PartnerEvents.identification;
import static nl.ketenbus.command.support.PartnerEvents.randomBsn;
import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.command.support.CommandServiceInfrastructure;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.TopicReader;
import nl.ketenbus.devinfra.Kafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
        assertThat(jdbc.queryForObject("select channel from intake_receipt where event_id = ?", String.class,
                signal.get("id").asText())).isEqualTo("kafka");
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
        producer.send(record).get(10, TimeUnit.SECONDS);

        ConsumerRecord<String, byte[]> dead = deadLetter("politie", record.key());

        assertThat(header(dead, DeadLetters.PROBLEM)).isEqualTo("urn:ketenbus:problem:identification-https-only");
        assertThat(dead.value()).isNull();
        assertThat(allStoredEvents()).isEqualTo(before);
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

        sendStructured("politie", invalid);

        ConsumerRecord<String, byte[]> dead = deadLetter("politie", subject);
        assertThat(header(dead, DeadLetters.PROBLEM)).isEqualTo("urn:ketenbus:problem:missing-attribute");
        assertThat(header(dead, DeadLetters.POINTERS)).isEqualTo("/type");
        assertThat(header(dead, DeadLetters.ORIGIN)).startsWith(PREFIX + ".politie.v1-");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void deadLettersAnEventPublishedOnAnotherPartnersTopic() throws Exception {
        String subject = intake().registerNewYouth();

        sendStructured("halt", signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"));

        ConsumerRecord<String, byte[]> dead = deadLetter("halt", subject);
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

    private IntakeClient intake() {
        return new IntakeClient(port);
    }

    private String registeredOverHttp() throws Exception {
        return intake().registerNewYouth();
    }


    private void sendStructured(String partner, ObjectNode event) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(PREFIX + "." + partner + ".v1",
                event.path("subject").asText(), event.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get(10, TimeUnit.SECONDS);
    }

    private ConsumerRecord<String, byte[]> deadLetter(String partner, String subject) {
        // Only this youth's records count: the first poll of a topic other tests write to may hold
        // only theirs, and a reader that stops at any first record would never see this one.
        return await().atMost(PATIENCE).until(() -> TopicReader.readAtLeast(Kafka.forTests().bootstrapServers(),
                        PREFIX + "." + partner + ".v1.dlt", 1, Duration.ofSeconds(2),
                        record -> subject.equals(record.key())).stream().findFirst().orElse(null),
                record -> record != null);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

}
