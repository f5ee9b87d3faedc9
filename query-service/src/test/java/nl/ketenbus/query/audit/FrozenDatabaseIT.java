package nl.ketenbus.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import nl.ketenbus.devinfra.FreezablePath;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.Postgres;
import nl.ketenbus.query.support.QueryApi;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database stops answering mid-statement (a frozen server, a lost network path: connections stay open,
 * nothing comes back), which the pool's connection timeout does not cover: a read is answered 503 with
 * {@code Retry-After} within its bound instead of hanging, the node is not ready meanwhile, and reads answer
 * again once the database does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ketenbus.database.waited-on-statement-timeout=2s")
class FrozenDatabaseIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.frozen");
    private static final FreezablePath PATH = FreezablePath.toServerOf(Postgres.forTests().jdbcUrl("query"));
    /** Far above the test's two-second bound and the pool's two seconds, far below a hang. */
    private static final Duration QUICKLY = Duration.ofSeconds(8);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC, PATH::through);
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void closePath() throws Exception {
        PATH.close();
    }

    @Test
    void aReadIsAnswered503WithinItsBoundWhileTheDatabaseDoesNotAnswerAndAgainOnceItDoes() throws Exception {
        String youth = "sr-" + "ab".repeat(32);
        String timeline = "/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg";
        assertThat(read(timeline).statusCode()).isEqualTo(200);

        PATH.freeze(true);
        HttpResponse<String> frozen;
        Duration answeredIn;
        HttpResponse<String> readiness;
        Duration readinessIn;
        try {
            Instant asked = Instant.now();
            frozen = read(timeline);
            answeredIn = Duration.between(asked, Instant.now());
            asked = Instant.now();
            readiness = read("/actuator/health/readiness");
            readinessIn = Duration.between(asked, Instant.now());
        } finally {
            PATH.freeze(false);
        }

        assertThat(answeredIn).isLessThan(QUICKLY);
        assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(503);
        assertThat(frozen.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(frozen.body()).contains("urn:ketenbus:problem:");
        assertThat(readinessIn).isLessThan(QUICKLY);
        assertThat(readiness.statusCode()).as("not ready while the database does not answer").isEqualTo(503);
        await().atMost(Duration.ofSeconds(30)).until(() -> read(timeline).statusCode() == 200);
        System.out.printf("frozen database: a read answered %d in %.1f s, readiness %d in %.1f s%n",
                frozen.statusCode(), answeredIn.toMillis() / 1000.0, readiness.statusCode(),
                readinessIn.toMillis() / 1000.0);
    }

    private HttpResponse<String> read(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + QueryApi.token("politie", "professional"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
