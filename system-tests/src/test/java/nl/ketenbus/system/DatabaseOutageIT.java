package nl.ketenbus.system;

import static nl.ketenbus.system.Backbone.accepted;
import static nl.ketenbus.system.Backbone.identifyNewYouth;
import static nl.ketenbus.system.Backbone.publish;
import static nl.ketenbus.system.Backbone.signalRaised;
import static nl.ketenbus.system.Backbone.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.devinfra.Postgres;
import nl.ketenbus.devinfra.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * The database refuses connections (its own database, as a failed or restarting PostgreSQL looks to
 * the services): both services answer 503 with Retry-After within seconds instead of hanging or
 * answering 500, acknowledge nothing they did not store, drop out of readiness, and recover by
 * themselves when it is back.
 */
class DatabaseOutageIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far more than the pool's 2 s and far less than its 30 s default: a bound on hanging, not a speed goal. */
    private static final Duration QUICKLY = Duration.ofSeconds(10);
    private static final String OOV = user("gemeente", "oov-1", "professional");

    @Test
    void bothServicesAnswer503WithRetryAfterAndRecoverByThemselves() throws Exception {
        Postgres database = Postgres.forTests().ownDatabase("outage");
        Backbone backbone = new Backbone(database);
        try (ServiceProcess command = backbone.startCommandService();
             ServiceProcess query = backbone.startQueryService()) {
            String youth = identifyNewYouth(command);
            String timeline = "/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg";
            accepted(command, signal(youth, 1));
            await().atMost(Duration.ofSeconds(60)).until(() -> entries(query, timeline) == 1);

            database.refuseConnections(true);
            String refusedSignal = signal(youth, 2);
            Duration intakeAnswered;
            Duration readAnswered;
            int intakeStatus;
            int readStatus;
            try {
                Instant asked = Instant.now();
                HttpResponse<String> intake = publish(command, refusedSignal);
                intakeAnswered = Duration.between(asked, Instant.now());
                intakeStatus = intake.statusCode();
                assertThat(intakeAnswered).isLessThan(QUICKLY);
                assertUnavailable(intake, "database-unavailable");

                asked = Instant.now();
                HttpResponse<String> read = get(query, timeline, OOV);
                readAnswered = Duration.between(asked, Instant.now());
                readStatus = read.statusCode();
                assertThat(readAnswered).isLessThan(QUICKLY);
                assertThat(read.statusCode()).as(read.body()).isEqualTo(503);
                assertThat(read.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(read.body()).doesNotContain("MULTIPLE_PHONES");

                await().atMost(QUICKLY).until(() -> get(command, "/actuator/health/readiness", null).statusCode() == 503);
                await().atMost(QUICKLY).until(() -> get(query, "/actuator/health/readiness", null).statusCode() == 503);
            } finally {
                database.refuseConnections(false);
            }
            Instant back = Instant.now();

            await().atMost(Duration.ofSeconds(60)).until(() ->
                    get(command, "/actuator/health/readiness", null).statusCode() == 200
                            && get(query, "/actuator/health/readiness", null).statusCode() == 200);
            Duration ready = Duration.between(back, Instant.now());
            // The refused signal was not stored: sent again it is accepted, not a duplicate.
            HttpResponse<String> resent = publish(command, refusedSignal);
            assertThat(resent.statusCode()).as(resent.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> entries(query, timeline) == 2);
            System.out.printf("database outage: intake answered %d in %.1f s, a read %d in %.1f s; both ready again "
                    + "%.1f s after the database was back%n", intakeStatus, intakeAnswered.toMillis() / 1000.0,
                    readStatus, readAnswered.toMillis() / 1000.0, ready.toMillis() / 1000.0);
        }
    }

    private static String signal(String youth, int day) {
        return signalRaised(youth, "politie", "2026-03-%02dT10:00:00+01:00".formatted(day), "BEZIT", "MULTIPLE_PHONES");
    }

    private static void assertUnavailable(HttpResponse<String> answer, String problem) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(JSON.readTree(answer.body()).get("type").asText()).isEqualTo("urn:ketenbus:problem:" + problem);
    }

    private static long entries(ServiceProcess query, String timeline) throws Exception {
        HttpResponse<String> answer = get(query, timeline, OOV);
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("totalEntries").asLong() : -1;
    }

    private static HttpResponse<String> get(ServiceProcess service, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
