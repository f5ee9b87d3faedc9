package nl.ketenbus.benchmarks;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.devinfra.ServiceProcess;
import nl.ketenbus.devinfra.ServiceSettings;
import org.postgresql.PGConnection;

/**
 * The read models' retention pass (ADR 0016) over a million events: the synthetic history of
 * {@link HistorySeed} (recorded in 2024, so most of it is due by now), replayed into the reference
 * covenant's generation, then removed by {@code POST /v1/operations/retention/run}. The baseline of
 * the same run is a plain scan that only counts the rows the pass removes. Usage
 * (docs/benchmarks.md): {@code ./mvnw -B -q -DskipTests install && ./mvnw -B -q -pl benchmarks
 * exec:java -Dbenchmark=RetentionBenchmark}
 */
public final class RetentionBenchmark {

    private RetentionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ServiceSettings settings = ServiceSettings.forTests("benchret");
        List<String> arguments = settings.arguments(
                "ketenbus.projection.topic=" + settings.kafka().freshTopic("ketenbus.events.benchret"),
                "logging.level.root=WARN", LiftedLimits.RATE, LiftedLimits.BURST,
                LiftedLimits.CONCURRENCY, "logging.level.nl.ketenbus=INFO", "ketenbus.retention.interval=PT24H");
        Path logs = Files.createDirectories(Path.of("target"));
        try (ServiceProcess query = ServiceProcess.start("query-service",
                Path.of(System.getProperty("ketenbus.query-service.jar")), ServiceProcess.freePort(),
                List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"), arguments,
                logs.resolve("bench-retention-query-service.log"), Duration.ofMinutes(2));
             Connection connection = settings.postgres().connect(settings.schema())) {
            new HistorySeed(new Random(20261127L)).copyInto(connection.unwrap(PGConnection.class).getCopyAPI(),
                    TimelineBenchmark.YOUTHS, TimelineBenchmark.EVENTS, TimelineBenchmark.TARGET,
                    TimelineBenchmark.TARGET_EVENTS);
            TimelineBenchmark.settle(connection);
            new TimelineBenchmark(query.baseUri()).replay(settings.tokens(), TimelineBenchmark.EVENTS);
            TimelineBenchmark.settle(connection);
            long timeline = TimelineBenchmark.count(connection, "select count(*) from timeline_entry");
            long audience = TimelineBenchmark.count(connection, "select count(*) from audience_entry");

            // Baseline: one scan of each table counting what is older than a year (what most of the
            // pass's predicates come to), nothing removed.
            long scanned = System.nanoTime();
            long dueTimeline = TimelineBenchmark.count(connection,
                    "select count(*) from timeline_entry where recorded_at < now() - interval '1 year'");
            long dueAudience = TimelineBenchmark.count(connection,
                    "select count(*) from audience_entry where recorded_at < now() - interval '1 year'");
            double scan = (System.nanoTime() - scanned) / 1e9;

            String admin = settings.tokens().mint("gemeente", "bench-admin", List.of("covenant-administrator"),
                    Duration.ofHours(1));
            long started = System.nanoTime();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            query.baseUri().resolve("/v1/operations/retention/run"))
                    .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofString());
            double pass = (System.nanoTime() - started) / 1e9;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the pass answered " + answer.statusCode() + ": " + answer.body());
            }
            JsonNode removed = IntakeBenchmark.JSON.readTree(answer.body());
            System.out.printf("%nRESULT retention pass over %,d events (%,d audience entries): removed %,d timeline "
                            + "and %,d audience entries in %.1f s (%,d ms in the service); baseline scan counting "
                            + "%,d + %,d rows older than a year: %.1f s; pass/scan = %.1f%n", timeline, audience,
                    removed.get("timelineEntries").asLong(), removed.get("audienceEntries").asLong(), pass,
                    removed.get("millis").asLong(), dueTimeline, dueAudience, scan, pass / scan);
        }
        System.exit(0);
    }
}
