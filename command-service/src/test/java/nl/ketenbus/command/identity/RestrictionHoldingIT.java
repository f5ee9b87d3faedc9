package nl.ketenbus.command.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.PartnerEvents;
import nl.ketenbus.security.InternalCalls;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The command side's hold of a restriction of processing (ADR 0025) over the signed internal path: it keeps
 * the query side's times of each decision, so that both sides compare on one clock, and the youth's last
 * lifting, so that the comparison tells a lifting the query side lost from a restriction this side lost.
 */
class RestrictionHoldingIT extends CommandServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String RESTRICTED_AT = "2026-12-01T10:00:00.123456Z";

    @Value("${ketenbus.internal.secret}")
    String secret;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void keepsTheQuerySidesTimesAndTheYouthsLastLifting() throws Exception {
        String youth = new IntakeClient(port).identify("urn:ketenbus:org:politie", PartnerEvents.randomBsn());
        String restriction = "/internal/v1/subjects/" + youth + "/restriction";
        String lifting = restriction + "/lifting";

        assertThat(send("PUT", restriction, "{\"ground\":\"ACCURACY_CONTESTED\",\"decidedBy\":\"privacy-officer-1\"}")
                .statusCode()).as("a restriction without the query side's time").isEqualTo(400);
        assertThat(send("PUT", restriction, "{\"ground\":\"ACCURACY_CONTESTED\",\"decidedBy\":\"privacy-officer-1\","
                + "\"restrictedAt\":\"" + RESTRICTED_AT + "\"}").statusCode()).isEqualTo(200);
        JsonNode held = held(restriction);
        assertThat(held.get("restricted").asBoolean()).isTrue();
        assertThat(Instant.parse(held.at("/restriction/restrictedAt").asText())).isEqualTo(RESTRICTED_AT);
        assertThat(held.get("lastLifting").isNull()).isTrue();

        assertThat(send("POST", lifting, "{\"restrictedAt\":\"" + RESTRICTED_AT
                + "\",\"liftedBy\":\"privacy-officer-3\"}").statusCode()).as("a lifting without its time").isEqualTo(400);
        assertThat(held(restriction).get("restricted").asBoolean()).as("nothing lifted by a refused call").isTrue();
        assertThat(send("POST", lifting, liftingBy("privacy-officer-3")).statusCode()).isEqualTo(200);
        assertThat(send("POST", lifting, liftingBy("privacy-officer-4")).statusCode()).as("a repeat").isEqualTo(200);
        held = held(restriction);
        assertThat(held.get("restricted").asBoolean()).isFalse();
        JsonNode lifted = held.get("lastLifting");
        assertThat(lifted.get("ground").asText()).isEqualTo("ACCURACY_CONTESTED");
        assertThat(lifted.get("decidedBy").asText()).isEqualTo("privacy-officer-1");
        assertThat(Instant.parse(lifted.get("restrictedAt").asText())).isEqualTo(RESTRICTED_AT);
        assertThat(lifted.get("liftedBy").asText()).as("the lifting as first told").isEqualTo("privacy-officer-3");
        assertThat(Instant.parse(lifted.get("liftedAt").asText())).isEqualTo("2026-12-02T09:30:00Z");
        assertThat(lifted.get("subjectInformedOn").asText()).isEqualTo("2026-12-01");

        // Restricted again: in force, and the last lifting kept beside it.
        assertThat(send("PUT", restriction, "{\"ground\":\"OBJECTION_PENDING\",\"decidedBy\":\"privacy-officer-4\","
                + "\"restrictedAt\":\"2026-12-03T08:00:00Z\"}").statusCode()).isEqualTo(200);
        held = held(restriction);
        assertThat(held.at("/restriction/ground").asText()).isEqualTo("OBJECTION_PENDING");
        assertThat(held.at("/lastLifting/liftedBy").asText()).isEqualTo("privacy-officer-3");
    }

    /**
     * A restriction decided while a batch of the store's purge is in flight (the purge holds its lock, having read
     * which youths want their data kept) waits for that batch, so the batch never removes on its older list what
     * the restriction keeps; the next batch reads the restriction.
     */
    @Test
    void aRestrictionWaitsForThePurgeBatchInFlight() throws Exception {
        String youth = new IntakeClient(port).identify("urn:ketenbus:org:politie", PartnerEvents.randomBsn());
        String restriction = "/internal/v1/subjects/" + youth + "/restriction";
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch batchEnds = new CountDownLatch(1);
        ExecutorService purge = Executors.newSingleThreadExecutor();
        try {
            Future<?> batch = purge.submit(() -> transaction.executeWithoutResult(status -> {
                jdbc.execute("select pg_advisory_xact_lock(27490, 21)");
                locked.countDown();
                try {
                    batchEnds.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<HttpResponse<String>> restricted = sendAsync("PUT", restriction, "{\"ground\":"
                    + "\"NEEDED_FOR_LEGAL_CLAIM\",\"decidedBy\":\"privacy-officer-1\",\"restrictedAt\":\""
                    + RESTRICTED_AT + "\"}");

            // Its transaction asks for the purge's lock and waits: PostgreSQL shows it not granted.
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from pg_locks "
                    + "where locktype = 'advisory' and classid = 27490 and objid = 21 and mode = 'ShareLock' "
                    + "and not granted", Long.class) == 1);
            assertThat(restricted).as("waiting for the purge batch").isNotDone();
            assertThat(jdbc.queryForObject("select count(*) from processing_restriction where subject_ref = ?",
                    Long.class, youth)).isZero();

            batchEnds.countDown();
            batch.get(30, TimeUnit.SECONDS);
            assertThat(restricted.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(jdbc.queryForObject("select ground from processing_restriction where subject_ref = ?",
                    String.class, youth)).isEqualTo("NEEDED_FOR_LEGAL_CLAIM");
        } finally {
            batchEnds.countDown();
            purge.shutdownNow();
        }
    }

    private static String liftingBy(String officer) {
        return "{\"restrictedAt\":\"" + RESTRICTED_AT + "\",\"liftedBy\":\"" + officer + "\","
                + "\"liftedAt\":\"2026-12-02T09:30:00Z\",\"subjectInformedOn\":\"2026-12-01\"}";
    }

    private JsonNode held(String path) throws Exception {
        HttpResponse<String> answer = send("GET", path, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        return HTTP.send(request(method, path, json), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String method, String path, String json) {
        return HTTP.sendAsync(request(method, path, json), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, String json) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(InternalCalls.HEADER, new InternalCalls(secret).sign(method, path, body, Instant.now()));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
