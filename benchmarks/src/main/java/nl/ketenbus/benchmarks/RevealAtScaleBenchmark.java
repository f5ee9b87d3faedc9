package nl.ketenbus.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import nl.ketenbus.devinfra.DevSecrets;
import nl.ketenbus.devinfra.ServiceProcess;
import nl.ketenbus.devinfra.ServiceSettings;
import org.postgresql.PGConnection;

/**
 * The case director's timeline with the youth's name revealed, at the covenant engine's scale: the
 * 1,000,000 events of 10,000 youths of {@link TimelineBenchmark}, whose 500-event youth was identified
 * through the command side first, so that its registration (sealed, as every identification is) is in
 * the history. After the replay into a new generation, two query nodes of the one database read that
 * youth's timeline at 200 requests/s in turn: one reveals the name through the key-release path (ADR
 * 0014), the other has no release path and shows the pseudonym; a plain indexed select of the same rows
 * is the baseline, all in this run. Usage (docs/benchmarks.md):
 * {@code ./mvnw -B -q -DskipTests install && ./mvnw -B -q -pl benchmarks exec:java
 * -Dbenchmark=RevealAtScaleBenchmark -Dexec.args="30"}
 */
public final class RevealAtScaleBenchmark {

    private static final List<String> JVM = List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC");
    /** The name {@link RevealBenchmark#identify} gives the youth: in every revealing answer, in no other. */
    private static final String NAME = "\"Benchmark\"";

    private RevealAtScaleBenchmark() {
    }

    public static void main(String[] args) {
        TimelineBenchmark.runThenExit(() -> run(Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 60)));
    }

    private static void run(Duration phase) throws Exception {
        ServiceSettings query = ServiceSettings.forTests("benchqr");
        ServiceSettings command = ServiceSettings.forTests("benchqrc");
        String topic = query.kafka().freshTopic("ketenbus.events.benchqr");
        List<String> commandArguments = new ArrayList<>(command.arguments("ketenbus.publication.topic=" + topic,
                "ketenbus.intake.kafka.enabled=false", "logging.level.root=WARN"));
        commandArguments.addAll(DevSecrets.forTests().commandServiceArguments());
        List<String> queryArguments = query.arguments("ketenbus.projection.topic=" + topic, "logging.level.root=WARN",
                LiftedLimits.RATE, LiftedLimits.BURST, LiftedLimits.CONCURRENCY, "ketenbus.replay.workers=2",
                // The seeded history is older than its retention (as in TimelineBenchmark).
                "ketenbus.retention.first-pass-after=PT24H");
        Path logs = Files.createDirectories(Path.of("target"));
        try (ServiceProcess commandNode = ServiceProcess.start("command-service",
                Path.of(System.getProperty("ketenbus.command-service.jar")), ServiceProcess.freePort(), JVM,
                commandArguments, logs.resolve("bench-reveal-scale-command-service.log"), Duration.ofMinutes(2));
             ServiceProcess revealing = ServiceProcess.start("query-service-revealing",
                     Path.of(System.getProperty("ketenbus.query-service.jar")), ServiceProcess.freePort(), JVM,
                     withReleasePath(queryArguments, commandNode), logs.resolve("bench-reveal-scale-query-service.log"),
                     Duration.ofMinutes(2));
             Connection connection = query.postgres().connect(query.schema())) {
            String youth = new RevealBenchmark().identify(commandNode.baseUri());
            // The identification's one event, the registration, projected before the history around it.
            ErasureBenchmark.awaitEntries(connection, youth, 1, Duration.ofMinutes(2));
            long seeded = System.nanoTime();
            new HistorySeed(new Random(20261127L)).copyInto(connection.unwrap(PGConnection.class).getCopyAPI(),
                    TimelineBenchmark.YOUTHS, TimelineBenchmark.EVENTS, youth, TimelineBenchmark.TARGET_EVENTS);
            try (var analyze = connection.createStatement()) {
                analyze.execute("analyze timeline_entry");
                analyze.execute("analyze case_participation");
            }
            System.out.printf("seeded %,d events over %,d youths in %d s, beside the identified youth's registration%n",
                    TimelineBenchmark.EVENTS, TimelineBenchmark.YOUTHS, (System.nanoTime() - seeded) / 1_000_000_000);
            TimelineBenchmark replaying = new TimelineBenchmark(revealing.baseUri());
            double replay = replaying.replay(query.tokens(), TimelineBenchmark.EVENTS + 1L);
            TimelineBenchmark.settle(connection);
            String token = query.tokens().mint("gemeente", HistorySeed.DIRECTOR, List.of("casusregisseur"),
                    Duration.ofHours(2));
            // The registration is one more entry the case director sees beside the 500 seeded ones.
            int entries = TimelineBenchmark.TARGET_EVENTS + 1;
            TimelineBenchmark named = new TimelineBenchmark(revealing.baseUri(), youth, entries,
                    answer -> answer.contains(NAME));
            TimelineBenchmark.Latencies withName;
            TimelineBenchmark.Latencies pseudonymOnly;
            try (ServiceProcess plain = ServiceProcess.start("query-service-pseudonyms-only",
                    Path.of(System.getProperty("ketenbus.query-service.jar")), ServiceProcess.freePort(), JVM,
                    queryArguments, logs.resolve("bench-reveal-scale-query-service-plain.log"), Duration.ofMinutes(2))) {
                TimelineBenchmark pseudonym = new TimelineBenchmark(plain.baseUri(), youth, entries,
                        answer -> !answer.contains(NAME));
                named.warmUp(revealing.baseUri(), token);
                pseudonym.warmUp(plain.baseUri(), token);
                withName = named.readApi(token, phase);
                pseudonymOnly = pseudonym.readApi(token, phase);
            }
            new TimelineBenchmark.SqlBaseline(connection, youth).read(Duration.ofSeconds(5));
            TimelineBenchmark.Latencies sql = new TimelineBenchmark.SqlBaseline(connection, youth).read(phase);
            System.out.printf("%nRESULT replay %,.0f events/s (1,000,001 events, 10,000 youths)%n", replay);
            System.out.printf("RESULT timeline API at 200 req/s with the name revealed: p50 %.1f ms, p99 %.1f ms, "
                    + "max %.1f ms (%d requests)%n", withName.percentile(50), withName.percentile(99),
                    withName.percentile(100), withName.count());
            System.out.printf("RESULT timeline API at 200 req/s, pseudonym only (second node): p50 %.1f ms, p99 %.1f ms, "
                    + "max %.1f ms; revealed/pseudonym p99 = %.2f%n", pseudonymOnly.percentile(50),
                    pseudonymOnly.percentile(99), pseudonymOnly.percentile(100),
                    withName.percentile(99) / pseudonymOnly.percentile(99));
            System.out.printf("RESULT plain indexed select at 200 req/s: p50 %.1f ms, p99 %.1f ms%n",
                    sql.percentile(50), sql.percentile(99));
        }
    }

    private static List<String> withReleasePath(List<String> arguments, ServiceProcess commandNode) {
        List<String> revealing = new ArrayList<>(arguments);
        revealing.addAll(DevSecrets.forTests().queryServiceArguments(commandNode.baseUri()));
        return revealing;
    }
}
