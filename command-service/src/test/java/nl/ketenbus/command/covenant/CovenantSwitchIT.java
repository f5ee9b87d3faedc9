package nl.ketenbus.command.covenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.PartnerEvents;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.security.InternalCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The command side's end of the covenant switch (ADR 0017), against the real database: the switch
 * is a compare-and-set, a withdrawn right is refused from the switch on, the switch waits for an
 * intake transaction that decided under the old version, and an intake transaction that waited for
 * another node's switch decides under the new one.
 */
class CovenantSwitchIT extends CommandServiceIntegrationTest {

    private static final String PATH = "/internal/v1/covenant";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String REFERENCE = CovenantLoader.documentAt("");
    /** Version 2: leerplicht no longer publishes signals. */
    private static final String WITHOUT_LEERPLICHT_SIGNALS = REFERENCE.replace("\nversion: 1\n", "\nversion: 2\n")
            .replace("{ organisation: leerplicht, categories: [IDENTITY, SIGNAL],",
                    "{ organisation: leerplicht, categories: [IDENTITY],");

    @Value("${ketenbus.internal.secret}")
    String secret;

    @Autowired
    CovenantInForce covenant;

    @Autowired
    TransactionTemplate transaction;

    /** The context is shared with the other tests: they find the reference covenant in force again. */
    @AfterEach
    void referenceCovenantAgain() {
        covenant.switchTo(REFERENCE, CovenantInForce.sha256(documentInForce()), "test: back to the reference covenant");
        assertThat(covenant.applied().covenantVersion()).isEqualTo(1);
    }

    @Test
    void aWithdrawnRightIsRefusedFromTheSwitchOnAndTheSwitchIsACompareAndSet() throws Exception {
        assertThat(WITHOUT_LEERPLICHT_SIGNALS).isNotEqualTo(REFERENCE.replace("\nversion: 1\n", "\nversion: 2\n"));
        String subject = new IntakeClient(port).registerNewYouth();
        JsonNode applied = JSON.readTree(send("GET", null).body());
        assertThat(applied.get("covenantVersion").asInt()).isEqualTo(1);
        String referenceSha = applied.get("covenantSha256").asText();
        assertThat(referenceSha).isEqualTo(CovenantInForce.sha256(REFERENCE));
        assertThat(signal(subject).statusCode()).isEqualTo(202);

        HttpResponse<String> moved = send("PUT", request(WITHOUT_LEERPLICHT_SIGNALS, "0".repeat(64)));
        assertThat(moved.statusCode()).isEqualTo(409);
        assertThat(moved.body()).contains("urn:ketenbus:problem:covenant-moved");
        assertThat(signal(subject).statusCode()).as("nothing changed").isEqualTo(202);

        HttpResponse<String> broken = send("PUT", request("id: x\nversion: 0\nrules: []\n", referenceSha));
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.body()).contains("urn:ketenbus:problem:covenant-refused", "version");

        jdbc.update("update retention_backfill set done_at = now()");
        HttpResponse<String> switched = send("PUT", request(WITHOUT_LEERPLICHT_SIGNALS, referenceSha));
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select done_at is null and last_youth = '' from retention_backfill",
                Boolean.class)).as("every youth's retention is planned again under the new periods").isTrue();
        assertThat(JSON.readTree(switched.body()).get("covenantVersion").asInt()).isEqualTo(2);
        HttpResponse<String> refused = signal(subject);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("urn:ketenbus:problem:not-allowed-by-covenant");

        HttpResponse<String> again = send("PUT", request(WITHOUT_LEERPLICHT_SIGNALS, referenceSha));
        assertThat(again.statusCode()).as("the same switch again changes nothing").isEqualTo(200);
        assertThat(jdbc.queryForList("select covenant_version from covenant_switch order by switched_at",
                Integer.class)).endsWith(1, 2);
    }

    @Test
    void theSwitchWaitsForATransactionThatDecidedUnderTheOldVersion() throws Exception {
        CountDownLatch decided = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> intake = CompletableFuture.supplyAsync(() -> transaction.execute(status -> {
            boolean allowed = covenant.confirmed().mayPublish(OrganisationCode.LEERPLICHT,
                    "nl.ketenbus.signal.raised.v1", LocalDate.of(2026, 11, 30));
            decided.countDown();
            awaitRelease(release);
            return allowed;
        }));
        assertThat(decided.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<CovenantInForce.Applied> switching = CompletableFuture.supplyAsync(() -> covenant.switchTo(
                WITHOUT_LEERPLICHT_SIGNALS, CovenantInForce.sha256(REFERENCE), "test"));

        // The switch asks for the covenant lock exclusively and waits: PostgreSQL shows it not granted (the
        // scheduler's retention deadlines, which confirm the covenant too, may queue behind it, shared).
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("select count(*) from pg_locks "
                + "where locktype = 'advisory' and classid = 27490 and objid = 18 and mode = 'ExclusiveLock' "
                + "and not granted", Long.class) == 1);
        assertThat(switching).as("the switch waits for the transaction in flight").isNotDone();
        release.countDown();
        assertThat(intake.get(10, TimeUnit.SECONDS)).as("decided under version 1").isTrue();
        assertThat(switching.get(10, TimeUnit.SECONDS).covenantVersion()).isEqualTo(2);
        Boolean afterwards = transaction.execute(status -> covenant.confirmed().mayPublish(
                OrganisationCode.LEERPLICHT, "nl.ketenbus.signal.raised.v1", LocalDate.of(2026, 11, 30)));
        assertThat(afterwards).isFalse();
    }

    /**
     * Another node switches (its transaction holds the lock and has written the new version, not committed):
     * an intake transaction that asks meanwhile waits, and then decides under the new version, although its
     * node has not applied the switch itself. Reading the version with a snapshot taken before the wait would
     * decide under the withdrawn right.
     */
    @Test
    void aTransactionThatWaitedForAnotherNodesSwitchDecidesUnderTheNewVersion() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> otherNode = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(
                status -> {
                    jdbc.queryForList("select pg_advisory_xact_lock(27490, 18)");
                    jdbc.update("update covenant_in_force set covenant_version = 2, covenant_sha256 = ?, "
                            + "covenant_document = ?, switched_at = clock_timestamp(), reason = 'test: another node'",
                            CovenantInForce.sha256(WITHOUT_LEERPLICHT_SIGNALS), WITHOUT_LEERPLICHT_SIGNALS);
                    written.countDown();
                    awaitRelease(release);
                }));
        assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> intake = CompletableFuture.supplyAsync(() -> transaction.execute(status ->
                covenant.confirmed().mayPublish(OrganisationCode.LEERPLICHT, "nl.ketenbus.signal.raised.v1",
                        LocalDate.of(2026, 11, 30))));

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("select count(*) from pg_locks "
                + "where locktype = 'advisory' and classid = 27490 and objid = 18 and mode = 'ShareLock' "
                + "and not granted", Long.class) >= 1);
        assertThat(intake).as("the intake waits for the switch in flight").isNotDone();
        release.countDown();
        otherNode.get(10, TimeUnit.SECONDS);
        assertThat(intake.get(10, TimeUnit.SECONDS)).as("decided under version 2").isFalse();
        assertThat(covenant.applied().covenantVersion()).isEqualTo(2);
    }

    private String documentInForce() {
        return jdbc.queryForObject("select covenant_document from covenant_in_force", String.class);
    }

    private HttpResponse<String> signal(String subject) throws Exception {
        return new IntakeClient(port).post(PartnerEvents.signalRaised(subject, "urn:ketenbus:org:leerplicht",
                "OVERIG", "TRUANCY_OR_FALLING_GRADES"));
    }

    private static String request(String document, String expectedSha256) {
        return JSON.createObjectNode().put("document", document).put("expectedSha256", expectedSha256)
                .put("reason", "test").toString();
    }

    private HttpResponse<String> send(String method, String body) throws Exception {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + PATH))
                .header(InternalCalls.HEADER, new InternalCalls(secret).sign(method, PATH, bytes, Instant.now()))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
