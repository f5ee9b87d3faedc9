package nl.ketenbus.system;
import static nl.ketenbus.system.Backbone.identifyNewYouth;
import static nl.ketenbus.system.Backbone.signalRaised;
import static nl.ketenbus.system.Backbone.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * One trace across every hop, and every act attributed: a partner's request (HTTP, with its
 * {@code traceparent}) and a partner's record (Kafka, with a {@code traceparent} header) bring two
 * signals; the trace ids travel with the stored events, over the backbone topic, into the stored
 * history, and into the access record of the case director's later read that showed them. Each
 * fact names its actor, and the privacy officer finds what the partner's system recorded.
 */
class OneTraceIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPartnersTraceLeadsFromItsRequestToTheReadThatShowedTheFact() throws Exception {
        Backbone backbone = new Backbone();
        try (ServiceProcess command = backbone.startCommandService();
             ServiceProcess query = backbone.startQueryService()) {
            String youth = identifyNewYouth(command);
            String overHttp = traceId();
            String overKafka = traceId();
            String ofTheRead = traceId();

            HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(command.baseUri().resolve("/v1/events"))
                    .header("Content-Type", "application/cloudevents+json")
                    .header("Authorization", "Bearer " + DevTokens.forTests().publisher("leerplicht"))
                    .header("traceparent", traceparent(overHttp))
                    .POST(HttpRequest.BodyPublishers.ofString(signalRaised(youth, "leerplicht",
                            "2026-02-10T08:30:00+01:00", "OVERIG", "TRUANCY_OR_FALLING_GRADES"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
            publishOnKafka(backbone.topic() + ".intake.jongerenwerk.v1", youth, signalRaised(youth, "jongerenwerk",
                    "2026-01-20T21:00:00+01:00", "LOCATIE", "FOUND_FAR_OUTSIDE_OWN_AREA"), traceparent(overKafka));

            // The stored events carry the trace and the actor (the command side's event store).
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                List<String> stored = backbone.commandColumn("select convert_from(meta_data, 'UTF8') from "
                        + "domain_event_entry where aggregate_identifier = ?", youth);
                return stored.stream().anyMatch(meta -> meta.contains("org:leerplicht") && meta.contains(overHttp))
                        && stored.stream().anyMatch(meta -> meta.contains("org:jongerenwerk")
                        && meta.contains(overKafka));
            });
            assertThat(backbone.commandColumn("select convert_from(meta_data, 'UTF8') from domain_event_entry "
                    + "where aggregate_identifier = ?", youth)).filteredOn(meta -> meta.contains(overHttp))
                    .singleElement().asString().containsPattern("\"actor\":\"act-[0-9a-f]{32}\"")
                    .doesNotContain("leerplicht-system");

            String director = DevTokens.forTests().mint("gemeente", "oov-1", List.of("professional"),
                    Duration.ofMinutes(10));
            await().atMost(Duration.ofSeconds(60)).until(() -> read(query, youth, director, traceId())
                    .get("totalEntries").asInt() >= 3);
            JsonNode page = read(query, youth, director, ofTheRead);
            assertThat(page.get("entries")).extracting(entry -> entry.get("type").asText())
                    .contains("nl.ketenbus.signal.raised.v1");

            // The read's access record links to both requests that brought what it showed.
            List<String> linked = backbone.queryColumn("select array_to_string(fact_trace_ids, ',') from access_log "
                    + "where trace_id = ?", ofTheRead);
            assertThat(linked).singleElement().asString().contains(overHttp, overKafka);

            // Who recorded it: the privacy officer asks for what the leerplicht system recorded lately.
            JsonNode acts = actsOfTheLeerplichtSystem(query, "gemeente");
            assertThat(acts).anySatisfy(act -> {
                assertThat(act.get("subjectRef").asText()).isEqualTo(youth);
                assertThat(act.get("type").asText()).isEqualTo("nl.ketenbus.signal.raised.v1");
                assertThat(act.get("traceId").asText()).isEqualTo(overHttp);
            });
            // Another organisation's privacy officer oversees its own people's acts only (ADR 0034).
            assertThat(actsOfTheLeerplichtSystem(query, "politie")).isEmpty();
            assertThat(actsOfTheLeerplichtSystem(query, "leerplicht")).anySatisfy(act ->
                    assertThat(act.get("traceId").asText()).isEqualTo(overHttp));
        }
    }

    /** What the leerplicht system recorded lately, as a privacy officer of the organisation sees it. */
    private static JsonNode actsOfTheLeerplichtSystem(ServiceProcess query, String organisation) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(query.baseUri().resolve(
                        "/v1/audit/users/leerplicht-system/acts?from=" + today().minusDays(1) + "&to="
                                + today().plusDays(1)))
                .header("Authorization", "Bearer " + DevTokens.forTests().mint(organisation, organisation
                        + "-privacy-officer", List.of("privacy-officer"), Duration.ofMinutes(10))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static JsonNode read(ServiceProcess query, String youth, String token, String trace) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(query.baseUri()
                        .resolve("/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg&size=50"))
                .header("Authorization", "Bearer " + token).header("traceparent", traceparent(trace)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void publishOnKafka(String topic, String youth, String cloudEvent, String traceparent) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.forTests().bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, youth,
                    cloudEvent.getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
            producer.send(record);
            producer.flush();
        }
    }

    private static String traceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-00f067aa0ba902b7-01";
    }
}
