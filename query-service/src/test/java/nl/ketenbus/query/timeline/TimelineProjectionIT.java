package nl.ketenbus.query.timeline;

import static nl.ketenbus.query.support.BackboneRecords.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.ServiceSettings;
import nl.ketenbus.query.support.BackboneRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The projection and the timeline API against real PostgreSQL and a real broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TimelineProjectionIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.test");
    private static final OffsetDateTime MARCH = OffsetDateTime.parse("2026-03-14T10:00:00+01:00");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static BackboneRecords records;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Kafka.forTests().createTopic(TOPIC, 3);
        ServiceSettings.forTests("query").properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("ketenbus.projection.topic", () -> TOPIC);
    }

    @BeforeAll
    static void producer() {
        records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC);
    }

    @AfterAll
    static void closeProducer() {
        records.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void showsEventsOfSeveralPartnersOldestFirst() throws Exception {
        String subject = newSubject();
        records.send(signalRaised(subject, "politie", MARCH.plusDays(2)));
        records.send(signalRaised(subject, "leerplicht", MARCH));
        records.send(signalRaised(subject, "jongerenwerk", MARCH.plusDays(1)));

        JsonNode timeline = awaitTimeline(subject, 3);

        assertThat(timeline.get("entries")).extracting(entry -> entry.get("sourceOrganisation").asText())
                .containsExactly("leerplicht", "jongerenwerk", "politie");
        JsonNode first = timeline.get("entries").get(0);
        assertThat(first.get("type").asText()).isEqualTo("nl.ketenbus.signal.raised.v1");
        assertThat(first.get("data").get("indicator").asText()).isEqualTo("MULTIPLE_PHONES");
        assertThat(first.get("occurredAt").asText()).isEqualTo("2026-03-14T09:00:00Z");
    }

    @Test
    void appliesARepublishedCopyOnlyOnce() throws Exception {
        String subject = newSubject();
        double duplicatesBefore = outcome("duplicate");
        CloudEvent event = signalRaised(subject, "politie", MARCH);
        records.send(event);
        records.send(event);
        records.send(signalRaised(subject, "politie", MARCH.plusDays(1)));

        awaitTimeline(subject, 2);

        await().atMost(PATIENCE).until(() -> outcome("duplicate") >= duplicatesBefore + 1);
        assertThat(jdbc.queryForObject("select count(*) from timeline_entry where event_id = ?", Integer.class,
                event.getId())).isEqualTo(1);
    }

    @Test
    void keepsAnUnusableRecordWithItsReasonAndGoesOn() throws Exception {
        String subject = newSubject();
        records.sendRaw(subject, "{\"not\":\"a cloudevent\"}".getBytes(StandardCharsets.UTF_8));
        records.send(signalRaised(subject, "politie", MARCH));

        awaitTimeline(subject, 1);

        assertThat(jdbc.queryForObject("select reason from unprojectable_event where record_key = ?", String.class,
                subject)).startsWith("not a CloudEvent");
    }

    @Test
    void storesItsPositionBesideTheReadModel() throws Exception {
        String subject = newSubject();
        records.send(signalRaised(subject, "politie", MARCH));
        awaitTimeline(subject, 1);

        long endOffsets = Kafka.forTests().admin().listOffsets(java.util.Map.of(
                        new org.apache.kafka.common.TopicPartition(TOPIC, 0), org.apache.kafka.clients.admin.OffsetSpec.latest(),
                        new org.apache.kafka.common.TopicPartition(TOPIC, 1), org.apache.kafka.clients.admin.OffsetSpec.latest(),
                        new org.apache.kafka.common.TopicPartition(TOPIC, 2), org.apache.kafka.clients.admin.OffsetSpec.latest()))
                .all().get().values().stream().mapToLong(info -> info.offset()).sum();
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "select coalesce(sum(next_offset), 0) from consumer_position where topic = ?", Long.class, TOPIC),
                stored -> stored == endOffsets);
    }

    @Test
    void pagesTheTimeline() throws Exception {
        String subject = newSubject();
        for (int day = 0; day < 5; day++) {
            records.send(signalRaised(subject, "politie", MARCH.plusDays(day)));
        }
        awaitTimeline(subject, 5);

        JsonNode page = get("/v1/subjects/" + subject + "/timeline?page=1&size=2").body();

        assertThat(page.get("totalEntries").asLong()).isEqualTo(5);
        assertThat(page.get("entries")).hasSize(2);
        assertThat(page.get("entries").get(0).get("occurredAt").asText()).isEqualTo("2026-03-16T09:00:00Z");
    }

    @Test
    void answersAnUnknownSubjectWithAnEmptyTimeline() throws Exception {
        Response response = get("/v1/subjects/" + newSubject() + "/timeline");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("totalEntries").asLong()).isZero();
        assertThat(response.body().get("entries")).isEmpty();
    }

    @Test
    void refusesAReaderWithoutAToken() throws Exception {
        Response response = get("/v1/subjects/" + newSubject() + "/timeline", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:unauthenticated");
    }

    @Test
    void answersAnInvalidSubjectReferenceWithAProblem() throws Exception {
        Response response = get("/v1/subjects/no!/timeline?size=5000");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(400);
    }

    private JsonNode awaitTimeline(String subject, int entries) {
        return await().atMost(PATIENCE).until(() -> get("/v1/subjects/" + subject + "/timeline").body(),
                timeline -> timeline.get("totalEntries").asInt() == entries);
    }

    private double outcome(String outcome) {
        return meters.get("ketenbus.projection.records").tag("outcome", outcome).counter().count();
    }

    private Response get(String path) throws Exception {
        return get(path, DevTokens.forTests().mint("gemeente", "casusregisseur-1", List.of("casusregisseur"),
                Duration.ofMinutes(10)));
    }

    private Response get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                JSON.readTree(response.body()));
    }

    private static String newSubject() {
        return "subj-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private record Response(int status, String contentType, JsonNode body) {
    }
}
