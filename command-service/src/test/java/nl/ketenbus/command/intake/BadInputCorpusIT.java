package nl.ketenbus.command.intake;

import static nl.ketenbus.command.support.PartnerEvents.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.command.support.BadInputCorpus;
import nl.ketenbus.command.support.CommandServiceInfrastructure;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.PartnerEvents;
import nl.ketenbus.command.support.TopicReader;
import nl.ketenbus.devinfra.Kafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A corpus of more than 150 bad inputs sent through both channels: every one is refused with the
 * right reason, nothing reaches the event store, and the service still accepts good events.
 */
class BadInputCorpusIT extends CommandServiceIntegrationTest {

    private static final String PREFIX = "ketenbus.intake.corpus" + UUID.randomUUID().toString().substring(0, 8);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void kafkaIntake(DynamicPropertyRegistry registry) {
        CommandServiceInfrastructure.registerKafkaIntake(registry, PREFIX);
    }

    @Test
    void refusesEveryBadInputOverHttpWithTheRightReason() throws Exception {
        String subject = register();
        List<BadInputCorpus.Case> corpus = BadInputCorpus.cases(subject);
        long storedBefore = storedEvents();

        for (BadInputCorpus.Case bad : corpus) {
            HttpResponse<String> response = post(bad.body(), tokenFor(bad.partner()));
            assertThat(response.headers().firstValue("Content-Type")).as(bad.name()).hasValue("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("type").asText()).as(bad.name())
                    .isEqualTo("urn:ketenbus:problem:" + bad.expectedProblem());
            assertThat(response.body()).as(bad.name()).doesNotContain(BadInputCorpus.NEVER_REPEATED);
        }

        assertThat(corpus).hasSizeGreaterThanOrEqualTo(150);
        assertThat(storedEvents()).isEqualTo(storedBefore);
        assertThat(jdbc.queryForObject("select count(*) from intake_receipt where subject_ref = ?", Long.class,
                BadInputCorpus.BSN_WHERE_A_PSEUDONYM_BELONGS)).isZero();
        assertStillHealthyAndAccepting();
    }

    @Test
    void refusesEveryBadInputInABatchWithTheRightReason() throws Exception {
        String subject = register();
        long storedBefore = storedEvents();
        List<BadInputCorpus.Case> inBatch = new java.util.ArrayList<>();
        com.fasterxml.jackson.databind.node.ArrayNode batch = JSON.createArrayNode();
        for (BadInputCorpus.Case bad : BadInputCorpus.cases(subject)) {
            // A batch is one JSON array from one caller: only cases that are JSON and come from politie.
            JsonNode element = parseable(bad.body());
            if (element != null && bad.partner().equals("politie")) {
                inBatch.add(bad);
                batch.add(element);
            }
        }

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/v1/events"))
                        .header("Content-Type", "application/cloudevents-batch+json")
                        .header("Authorization", "Bearer " + tokenFor("politie"))
                        .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(response.body()).get("results");
        assertThat(inBatch).hasSizeGreaterThan(100);
        for (int index = 0; index < inBatch.size(); index++) {
            assertThat(results.get(index).at("/problem/type").asText()).as(inBatch.get(index).name())
                    .isEqualTo("urn:ketenbus:problem:" + inBatch.get(index).expectedProblem());
        }
        assertThat(response.body()).doesNotContain(BadInputCorpus.NEVER_REPEATED);
        assertThat(storedEvents()).isEqualTo(storedBefore);
    }

    private static JsonNode parseable(String body) {
        try {
            JsonNode node = new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (java.io.IOException notJson) {
            return null;
        }
    }

    @Test
    void deadLettersEveryBadInputOverKafkaWithTheRightReason() throws Exception {
        String subject = register();
        List<BadInputCorpus.Case> corpus = BadInputCorpus.cases(subject);
        long storedBefore = storedEvents();
        // A dead letter names the place of the refused record, not its key: which case was sent where.
        Map<String, String> names = new java.util.HashMap<>();

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.forTests().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000),
                new StringSerializer(), new ByteArraySerializer())) {
            for (BadInputCorpus.Case bad : corpus) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(PREFIX + "." + bad.partner() + ".v1",
                        bad.name(), bad.body().getBytes(StandardCharsets.UTF_8));
                record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
                names.put(TopicReader.origin(producer.send(record).get(10, TimeUnit.SECONDS)), bad.name());
            }
            // In binary mode the attributes are headers, and a dead letter copies those that identify the
            // record only where they hold what they should: never a name typed into ce_time.
            ProducerRecord<String, byte[]> binary = new ProducerRecord<>(PREFIX + ".politie.v1", "binary-time-name",
                    "{}".getBytes(StandardCharsets.UTF_8));
            Map.of("ce_specversion", "1.0", "ce_id", "binary-time-name", "ce_source", "urn:ketenbus:org:politie",
                    "ce_type", "nl.ketenbus.signal.raised.v1", "ce_subject", subject, "ce_time", BadInputCorpus.A_NAME,
                    "content-type", "application/json").forEach((name, value) ->
                    binary.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            names.put(TopicReader.origin(producer.send(binary).get(10, TimeUnit.SECONDS)), "binary-time-name");
        }

        Map<String, String> refusals = corpus.stream().map(BadInputCorpus.Case::partner).distinct()
                .flatMap(partner -> TopicReader.readAtLeast(Kafka.forTests().bootstrapServers(),
                        PREFIX + "." + partner + ".v1.dlt",
                        (int) corpus.stream().filter(bad -> bad.partner().equals(partner)).count()
                                + (partner.equals("politie") ? 1 : 0),
                        Duration.ofSeconds(90)).stream())
                .filter(record -> names.containsKey(record.key()))
                .peek(record -> record.headers().forEach(header -> assertThat(new String(header.value(),
                        StandardCharsets.UTF_8)).as(names.get(record.key()) + " " + header.key())
                        .doesNotContain(BadInputCorpus.NEVER_REPEATED)))
                .collect(Collectors.toMap(record -> names.get(record.key()), BadInputCorpusIT::problemOf,
                        (first, second) -> first));
        for (BadInputCorpus.Case bad : corpus) {
            // On a topic, personal data is refused before anything else is looked at.
            String expected = bad.body().contains(PartnerEvents.IDENTIFICATION) ? "identification-https-only"
                    : bad.expectedProblem();
            assertThat(refusals.get(bad.name())).as(bad.name()).isEqualTo("urn:ketenbus:problem:" + expected);
        }
        assertThat(refusals.get("binary-time-name")).isEqualTo("urn:ketenbus:problem:invalid-attribute");
        assertThat(storedEvents()).isEqualTo(storedBefore);
        assertStillHealthyAndAccepting();
    }

    private void assertStillHealthyAndAccepting() throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        register();
    }

    private String register() throws Exception {
        return new IntakeClient(port).registerNewYouth();
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/events"))
                        .header("Content-Type", "application/cloudevents+json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long storedEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    private static String problemOf(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(DeadLetters.PROBLEM).value(), StandardCharsets.UTF_8);
    }
}
