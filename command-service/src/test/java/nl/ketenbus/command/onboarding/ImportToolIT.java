package nl.ketenbus.command.onboarding;

import static nl.ketenbus.command.support.PartnerEvents.identification;
import static nl.ketenbus.command.support.PartnerEvents.randomBsn;
import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static nl.ketenbus.command.support.PartnerEvents.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partner's import tool as a partner runs it: its own process against this service, killed in
 * the middle of an import, then run again with the same command. It resumes: the sealed import has
 * every line decided exactly once (no duplicates of its own chunks), the refused lines kept with
 * their line numbers, and the youths it identified registered.
 */
class ImportToolIT extends CommandServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLITIE = "urn:ketenbus:org:politie";
    private static final int EVENTS = 2000;
    private static final int CHUNK = 100;

    @TempDir
    Path directory;

    @Test
    void resumesAnImportCutOffMidwayAndSealsItWithEveryLineDecidedOnce() throws Exception {
        IntakeClient intake = new IntakeClient(port);
        List<String> youths = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            youths.add(intake.registerNewYouth());
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            lines.add(i % 10 == 0 ? identification(POLITIE, randomBsn()).toString()
                    : signalRaised(youths.get(i % youths.size()), POLITIE, "BEZIT", "MULTIPLE_PHONES").toString());
        }
        lines.set(1234, "{\"specversion\": \"1.0\"}");
        lines.set(1899, "not json at all");
        Path file = directory.resolve("history.ndjson");
        Files.write(file, lines, StandardCharsets.UTF_8);
        Path results = directory.resolve("history.ndjson.results");
        String importId = "tool-" + UUID.randomUUID();

        Process first = tool(file, importId, CHUNK, directory.resolve("first.log"), "--parallel", "1",
                "--max-events-per-second", "400");
        awaitKeptAnswers(results, 3, first);
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long keptWhenCutOff = keptAnswers(results);

        Process second = tool(file, importId, CHUNK, directory.resolve("second.log"));
        assertThat(second.waitFor(3, TimeUnit.MINUTES)).as("the resumed run ends").isTrue();
        String output = Files.readString(directory.resolve("second.log"), StandardCharsets.UTF_8);
        Matcher resumed = Pattern.compile("([0-9,]+) decided before, sending ([0-9,]+)").matcher(output);

        assertThat(keptWhenCutOff).as("cut off midway").isBetween(3L, (long) EVENTS / CHUNK - 1);
        assertThat(second.exitValue()).as(output).isZero();
        assertThat(resumed.find()).as(output).isTrue();
        assertThat(Long.parseLong(resumed.group(1).replace(",", ""))).as("resumed after the kept answers")
                .isGreaterThanOrEqualTo(keptWhenCutOff);
        assertThat(output).contains("Sealed " + importId);
        JsonNode sealed = progress(importId);
        assertThat(sealed.get("sealedAt").isNull()).isFalse();
        assertThat(sealed.get("accepted").asLong()).isEqualTo(EVENTS - 2);
        assertThat(sealed.get("duplicates").asLong()).as("no chunk counted twice").isZero();
        assertThat(sealed.get("refused").asLong()).isEqualTo(2);
        assertThat(keptAnswers(results)).isEqualTo(EVENTS / CHUNK);
        List<JsonNode> refused = keptLines(results).stream()
                .filter(line -> line.get("outcome").asText().equals("refused")).toList();
        assertThat(refused).extracting(line -> line.get("line").asLong()).containsExactlyInAnyOrder(1235L, 1900L);
        JsonNode firstLine = keptLines(results).stream().filter(line -> line.get("line").asLong() == 1).findFirst()
                .orElseThrow();
        assertThat(storedEventsOf(firstLine.get("subject").asText())).as("identified by the import").isEqualTo(1);
    }

    /**
     * The service lists only the first 1,000 chunks it has not decided. Answers kept beside the file for
     * later chunks (from a run against the service's database before it was restored) are not its word: the
     * tool sends those chunks in their turn (trusted, they would leave a hole every later chunk waits for),
     * and the import seals with every chunk decided.
     */
    @Test
    void sendsWhatTheServiceLacksBeyondItsFirstThousandMissingChunksBeforeSealing() throws Exception {
        String youth = new IntakeClient(port).registerNewYouth();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1_002; i++) {
            lines.add(signalRaised(youth, POLITIE, "BEZIT", "MULTIPLE_PHONES").toString());
        }
        Path file = directory.resolve("long.ndjson");
        Files.write(file, lines, StandardCharsets.UTF_8);
        Path results = Files.createDirectories(directory.resolve("long.ndjson.results"));
        for (int chunk : List.of(1_000, 1_001)) {
            Files.writeString(results.resolve(String.format("chunk-%06d.ndjson", chunk)), "{\"line\":" + (chunk + 1)
                    + ",\"outcome\":\"accepted\"}\n", StandardCharsets.UTF_8);
        }
        String importId = "tool-" + UUID.randomUUID();

        Process run = tool(file, importId, 1, directory.resolve("long.log"));
        assertThat(run.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(directory.resolve("long.log"), StandardCharsets.UTF_8);

        assertThat(output).contains("1,002 chunks; 0 decided before, sending 1,002");
        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).contains("Sealed " + importId).doesNotContain("sending 2 of them");
        JsonNode sealed = progress(importId);
        assertThat(sealed.get("chunksDone").asInt()).isEqualTo(1_002);
        assertThat(sealed.get("sealedAt").isNull()).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, youth)).isGreaterThanOrEqualTo(1 + 1_002);
    }

    /** The tool in a process of its own, its token in its environment (never on its command line). */
    private Process tool(Path file, String importId, int chunkEvents, Path log, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "nl.ketenbus.importtool.ImportTool",
                "--service", "http://localhost:" + port, "--chunk-events", String.valueOf(chunkEvents),
                "--import-id", importId));
        command.addAll(List.of(options));
        command.add(file.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KETENBUS_TOKEN", tokenFor(POLITIE));
        return builder.start();
    }

    private static void awaitKeptAnswers(Path results, int atLeast, Process running) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            assertThat(running.isAlive()).as("the first run is still sending").isTrue();
            return keptAnswers(results) >= atLeast;
        });
    }

    private static long keptAnswers(Path results) throws Exception {
        if (!Files.isDirectory(results)) {
            return 0;
        }
        try (Stream<Path> kept = Files.list(results)) {
            return kept.filter(path -> path.getFileName().toString().endsWith(".ndjson")).count();
        }
    }

    private static List<JsonNode> keptLines(Path results) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<Path> kept = Files.list(results)) {
            for (Path path : kept.filter(p -> p.getFileName().toString().endsWith(".ndjson")).toList()) {
                for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                    lines.add(JSON.readTree(line));
                }
            }
        }
        return lines;
    }

    private JsonNode progress(String importId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/v1/imports/" + importId))
                .header("Authorization", "Bearer " + tokenFor(POLITIE)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
