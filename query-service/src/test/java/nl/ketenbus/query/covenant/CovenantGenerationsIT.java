package nl.ketenbus.query.covenant;

import static nl.ketenbus.query.support.BackboneRecords.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.support.BackboneRecords;
import nl.ketenbus.query.support.QueryApi.Response;
import nl.ketenbus.query.support.QueryApi;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Loading a covenant at run time: refused documents change nothing, a new version is replayed into
 * a new generation and swapped in, and readers then see what the new version gives.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CovenantGenerationsIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.covenant");
    private static final String YAML = "application/yaml";
    private static final String ADMIN = QueryApi.token("gemeente", "covenant-administrator");
    private static final String POLICE = QueryApi.token("politie", "professional");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @LocalServerPort
    int port;

    @Test
    void aNewCovenantVersionIsReplayedAndSwappedInWhileRefusedOnesChangeNothing() throws Exception {
        QueryApi api = new QueryApi(port);
        String subject = "cov-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            records.send(signalRaised(subject, "leerplicht", OffsetDateTime.parse("2026-03-14T10:00:00+01:00")));
        }
        String timeline = "/v1/subjects/" + subject + "/timeline?purpose=signaaloverleg";
        JsonNode before = await().atMost(Duration.ofSeconds(30)).until(() -> api.get(timeline, POLICE).body(),
                body -> body.path("totalEntries").asInt() == 1).get("entries").get(0);
        assertThat(before.get("covenantVersion").asInt()).isEqualTo(1);
        assertThat(before.get("data").has("indicator")).isTrue();

        Response broken = api.post("/v1/covenant/generations", ADMIN, YAML, "id: x\nversion: 0\nrules: []\n");
        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.contentType()).startsWith("application/problem+json");
        assertThat(broken.body().get("errors").toString()).contains("version: must be a whole number from 1");
        Response typo = api.post("/v1/covenant/generations", ADMIN, YAML,
                CovenantLoader.documentAt("").replace("title: Convenant", "titel: Convenant"));
        assertThat(typo.status()).isEqualTo(422);
        assertThat(typo.body().get("errors").get(0).asText()).startsWith("(document): unknown key 'titel' (line 7)")
                .hasSizeLessThan(300);

        String version2 = CovenantLoader.documentAt("").replace("\nversion: 1\n", "\nversion: 2\n")
                .replaceFirst("show: \\[category, indicator, observedOn]", "show: [category, observedOn]");
        Response notAdmin = api.post("/v1/covenant/generations", POLICE, YAML, version2);
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(api.get("/v1/covenant/generations", ADMIN).body()).hasSize(1);

        Response accepted = api.post("/v1/covenant/generations", ADMIN, YAML, version2);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().get("generation").asInt()).isEqualTo(2);
        assertThat(accepted.location()).isEqualTo("/v1/covenant/generations/2");
        Response located = api.get(accepted.location(), ADMIN);
        assertThat(located.status()).isEqualTo(200);
        assertThat(located.body().get("covenantVersion").asInt()).isEqualTo(2);
        assertThat(api.get("/v1/covenant/generations/99", ADMIN).body().get("type").asText())
                .isEqualTo("urn:ketenbus:problem:no-generation");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/v1/covenant/generations", ADMIN).body()
                .get(1).get("state").asText().equals("ACTIVE"));

        JsonNode after = api.get(timeline, POLICE).body().get("entries").get(0);
        assertThat(after.get("covenantVersion").asInt()).isEqualTo(2);
        assertThat(after.get("data").has("indicator")).isFalse();
        assertThat(after.get("redacted").toString()).contains("indicator");
        JsonNode generations = api.get("/v1/covenant/generations", ADMIN).body();
        assertThat(generations.get(0).get("state").asText()).isEqualTo("RETIRED");
        assertThat(generations.get(1).get("subjectsDone").asLong()).isGreaterThanOrEqualTo(1);

        Response again = api.post("/v1/covenant/generations", ADMIN, YAML, version2);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:covenant-conflict");
    }
}
