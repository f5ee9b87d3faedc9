package nl.ketenbus.system;

import static nl.ketenbus.system.Backbone.accepted;
import static nl.ketenbus.system.Backbone.identifyNewYouth;
import static nl.ketenbus.system.Backbone.signalRaised;
import static nl.ketenbus.system.Backbone.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.devinfra.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * A query node is killed (SIGKILL) while it replays the history into a new read-model generation,
 * and started again: it resumes the build, and the generation it completes (READY for its change's
 * approval) holds exactly the entries a clean build gives: none missing, none extra, none twice. The
 * clean build is the active generation, built at the first start under the same rules (the new
 * version only renumbers them).
 */
class QueryReplayCrashIT {

    private static final int YOUTHS = 300;
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    /** One youth per claimed chunk and one worker: a build of many small transactions, to be killed in. */
    private static final String[] SLOW_BUILD = {"ketenbus.replay.chunk-subjects=1", "ketenbus.replay.workers=1"};
    private static final String ADMINISTRATOR = user("gemeente", "covenant-admin-1", "covenant-administrator");
    /** Everything an entry says, except the generation and the covenant version that tell the builds apart. */
    private static final String ENTRIES = "select (to_jsonb(entry) - 'generation' - 'covenant_version')::text "
            + "from audience_entry entry where generation = ?";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBuildKilledMidReplayResumesAndCompletesExactlyACleanBuild() throws Exception {
        Backbone backbone = new Backbone();
        try (ServiceProcess command = backbone.startCommandService()) {
            for (int i = 0; i < YOUTHS; i++) {
                String youth = identifyNewYouth(command);
                accepted(command, signalRaised(youth, "politie", "2026-03-02T10:00:00+01:00", "BEZIT",
                        "MULTIPLE_PHONES"));
            }
            ServiceProcess first = backbone.startQueryService(SLOW_BUILD);
            await().atMost(PATIENCE).until(() -> backbone.queryRows("timeline_entry") == 2L * YOUTHS);
            int active = generation(first, "ACTIVE").get("generation").asInt();
            Set<String> clean = entries(backbone, active);

            int building = loadNextVersion(first);
            JsonNode atCrash = await().atMost(PATIENCE).until(() -> status(first, building),
                    status -> status.get("subjectsDone").asLong() > 0);
            first.kill();
            long doneAtCrash = atCrash.get("subjectsDone").asLong();

            try (ServiceProcess second = backbone.startQueryService(SLOW_BUILD)) {
                Instant restarted = Instant.now();
                await().atMost(PATIENCE).until(() -> "READY".equals(status(second, building).get("state").asText()));
                Duration rebuilt = Duration.between(restarted, Instant.now());

                assertThat(doneAtCrash).as("killed mid-replay").isLessThan(YOUTHS);
                Set<String> resumed = entries(backbone, building);
                assertThat(resumed).as("the resumed build's entries").isEqualTo(clean);
                assertThat(backbone.queryColumn("select count(*) from audience_entry where generation = ?", building))
                        .containsExactly(String.valueOf(clean.size()));
                System.out.printf("query node crash mid-replay: killed after %d of %d youths; the resumed generation "
                        + "holds %d entries, equal to a clean build; built %.1f s after the restarted node was "
                        + "ready%n", doneAtCrash, YOUTHS, resumed.size(), rebuilt.toMillis() / 1000.0);
            }
        }
    }

    private static Set<String> entries(Backbone backbone, int generation) throws SQLException {
        return new HashSet<>(backbone.queryColumn(ENTRIES, generation));
    }

    /** The reference covenant again under the next version number: the same rules, a new generation. */
    private static int loadNextVersion(ServiceProcess query) throws IOException, InterruptedException {
        String document = CovenantLoader.documentAt("").replace("\nversion: 1\n", "\nversion: 2\n");
        HttpResponse<String> loaded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        query.baseUri().resolve("/v1/covenant/changes"))
                        .header("Content-Type", "application/yaml")
                        .header("Authorization", "Bearer " + ADMINISTRATOR)
                        .POST(HttpRequest.BodyPublishers.ofString(document)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(202);
        return JSON.readTree(loaded.body()).get("generation").asInt();
    }

    private static JsonNode generation(ServiceProcess query, String state) throws IOException, InterruptedException {
        for (JsonNode generation : Backbone.call(query, "GET", "/v1/covenant/generations", null, ADMINISTRATOR).body()) {
            if (state.equals(generation.get("state").asText())) {
                return generation;
            }
        }
        throw new AssertionError("no " + state + " generation");
    }

    private static JsonNode status(ServiceProcess query, int generation) throws IOException, InterruptedException {
        return Backbone.call(query, "GET", "/v1/covenant/generations/" + generation, null, ADMINISTRATOR).body();
    }
}
