package nl.ketenbus.benchmarks;

import java.io.BufferedWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.devinfra.DevSecrets;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.ServiceProcess;
import nl.ketenbus.devinfra.ServiceSettings;
import nl.ketenbus.devinfra.TestBsns;
import nl.ketenbus.importtool.ImportTool;

/**
 * Onboarding a partner's history through the import tool, as a partner runs it, with the whole
 * pipeline running (both services as processes at {@code -Xmx512m}, the command service's heap set by
 * {@code -Dcommand.heap=}; publisher, broker, projection):
 * first the identifications of its youths, then their facts; the live HTTP batch intake of the same
 * facts measured in the same run as the baseline; then the time from the seal until the read models
 * hold every event of the store. Usage (docs/benchmarks.md): {@code ./mvnw -B -q -DskipTests install
 * && ./mvnw -B -q -pl benchmarks exec:java -Dbenchmark=ImportBenchmark -Dexec.args="1000000 50000"}
 * (facts, youths).
 */
public final class ImportBenchmark {

    private static final List<String> JVM = List.of("-Xms512m", "-Xmx512m", "-XX:+UseParallelGC");
    private static final Duration BASELINE = Duration.ofSeconds(30);

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int facts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int youths = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        try {
            run(facts, youths);
        } catch (Exception | Error failure) {
            failure.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(int facts, int youthCount) throws Exception {
        ServiceSettings command = ServiceSettings.forTests("benchic");
        ServiceSettings query = ServiceSettings.forTests("benchiq");
        String topic = command.kafka().freshTopic("ketenbus.events.benchi");
        List<String> commandArguments = new ArrayList<>(command.arguments("ketenbus.publication.topic=" + topic,
                "ketenbus.intake.kafka.enabled=false", "logging.level.root=WARN", LiftedLimits.RATE,
                LiftedLimits.BURST, LiftedLimits.CONCURRENCY));
        commandArguments.addAll(DevSecrets.forTests().commandServiceArguments());
        // -Dsubjects.cached=N: the youths the command service keeps in memory (its default otherwise).
        if (System.getProperty("subjects.cached") != null) {
            commandArguments.add("ketenbus.subjects.cached=" + System.getProperty("subjects.cached"));
        }
        // -Dcommand.settings=key=value,...: further settings of the command service, as in LagBenchmark.
        commandArguments.addAll(ExtraSettings.of("command.settings"));
        Path work = Files.createDirectories(Path.of("target", "bench-import").toAbsolutePath());
        // -Dcommand.heap=1g: the command service's heap (512m otherwise, as the query service's): what a
        // node set aside for an onboarding does with room for the import's youths.
        String heapSize = System.getProperty("command.heap", "512m");
        List<String> commandJvm = Diagnostics.jvm(List.of("-Xms" + heapSize, "-Xmx" + heapSize, "-XX:+UseParallelGC"),
                work, "command-service");
        try (ServiceProcess commandNode = ServiceProcess.start("command-service",
                Path.of(System.getProperty("ketenbus.command-service.jar")), ServiceProcess.freePort(), commandJvm,
                commandArguments, work.resolve("command-service.log"), Duration.ofMinutes(2));
             Connection store = command.postgres().connect(command.schema());
             Connection readModels = query.postgres().connect(query.schema());
             ServiceGauges commandHeap = new ServiceGauges("command service", commandNode.baseUri())
                     .countingYouthsRead()) {
            List<String> queryArguments = new ArrayList<>(query.arguments("ketenbus.projection.topic=" + topic,
                    "logging.level.root=WARN", LiftedLimits.RATE, LiftedLimits.BURST, LiftedLimits.CONCURRENCY));
            queryArguments.addAll(DevSecrets.forTests().queryServiceArguments(commandNode.baseUri()));
            try (ServiceProcess queryNode = ServiceProcess.start("query-service",
                    Path.of(System.getProperty("ketenbus.query-service.jar")), ServiceProcess.freePort(), JVM,
                    queryArguments, work.resolve("query-service.log"), Duration.ofMinutes(2))) {
                String token = DevTokens.forTests().mint("politie", "bench-import", List.of("publisher"),
                        Duration.ofHours(3));
                Path tokenFile = tokenFile(work, token);
                IntakeBenchmark live = new IntakeBenchmark(List.of(commandNode.baseUri().resolve("/v1/events")),
                        token);
                List<String> warmYouths = live.identify(2_000);
                live.run(warmYouths, 1_000, 2, Duration.ofSeconds(20), "warm-up");
                IntakeBenchmark.Result baseline = live.run(warmYouths, 1_000, 2, BASELINE,
                        "baseline: live HTTP batches of 1,000, 2 clients");

                Path identities = work.resolve("identifications.ndjson");
                writeIdentifications(identities, youthCount);
                double identified = timedImport(commandNode.baseUri(), tokenFile, identities, youthCount);
                List<String> youths = subjectsIn(work.resolve("identifications.ndjson.results"));
                Path history = work.resolve("facts.ndjson");
                writeFacts(history, youths, facts);
                commandHeap.begin();
                double imported = timedImport(commandNode.baseUri(), tokenFile, history, facts);
                ServiceGauges.Heap heap = commandHeap.end();
                long sealedAt = System.nanoTime();
                long inStore = TimelineBenchmark.count(store, "select count(*) from domain_event_entry");
                double visibleAfter = awaitApplied(new TopicProgress(command.kafka(), topic), readModels, inStore,
                        sealedAt);

                System.out.printf("%nRESULT baseline, live HTTP batch intake (same run): %,.0f events/s%n",
                        baseline.eventsPerSecond());
                System.out.printf("RESULT import of %,d identifications: %,.0f events/s%n", youths.size(), identified);
                System.out.printf("RESULT import of %,d facts: %,.0f events/s (%.2f x the live batch intake)%n",
                        facts, imported, imported / baseline.eventsPerSecond());
                System.out.printf("RESULT   %s%n", heap);
                System.out.printf("RESULT read models hold all %,d events of the store %.1f s after the seal%n",
                        inStore, visibleAfter);
                Files.deleteIfExists(tokenFile);
            }
        }
    }

    /** The dev-only token in a file only its owner reads: a token never goes on a command line. */
    private static Path tokenFile(Path work, String token) throws Exception {
        Path file = work.resolve("dev-only-token");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, token);
        return file;
    }

    private static double timedImport(URI service, Path tokenFile, Path file, int events) throws Exception {
        Path results = file.resolveSibling(file.getFileName() + ".results");
        deleteTree(results);
        long start = System.nanoTime();
        int status = ImportTool.run(new String[] {"--service", service.toString(), "--token-file",
                tokenFile.toString(), "--import-id", "bench-" + file.getFileName().toString().replace(".ndjson", "")
                + "-" + System.currentTimeMillis(), file.toString()});
        double seconds = (System.nanoTime() - start) / 1e9;
        if (status != 0) {
            throw new IllegalStateException("the import tool ended with " + status);
        }
        return events / seconds;
    }

    private static void writeIdentifications(Path file, int youths) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < youths; i++) {
                ObjectNode event = IntakeBenchmark.envelope("nl.ketenbus.subject.identification.v1");
                event.putObject("data").put("bsn", TestBsns.random()).put("familyName", "Benchmark")
                        .put("dateOfBirth", "2010-05-01");
                out.write(event.toString());
                out.write('\n');
            }
        }
    }

    private static void writeFacts(Path file, List<String> youths, int facts) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int written = 0; written < facts; written += 1_000) {
                for (JsonNode event : IntakeBenchmark.signals(youths, Math.min(1_000, facts - written))) {
                    out.write(event.toString());
                    out.write('\n');
                }
            }
        }
    }

    private static List<String> subjectsIn(Path results) throws Exception {
        List<String> subjects = new ArrayList<>();
        try (Stream<Path> kept = Files.list(results)) {
            for (Path chunk : kept.filter(path -> path.toString().endsWith(".ndjson")).sorted().toList()) {
                for (String line : Files.readAllLines(chunk)) {
                    JsonNode result = IntakeBenchmark.JSON.readTree(line);
                    if (result.path("subject").isTextual()) {
                        subjects.add(result.get("subject").asText());
                    }
                }
            }
        }
        return subjects;
    }

    /**
     * Waits until the projection has applied as many records as the store holds events (each is
     * published once): first until the topic holds them all, then until the projection's stored
     * positions reach the topic's end ({@link TopicProgress}). Until the tenth session of issue 21 this
     * counted {@code applied_event} every 200 ms, a table of over a million rows at the end of a run,
     * in the database the projection writes to.
     */
    private static double awaitApplied(TopicProgress progress, Connection readModels, long inStore, long sealedAt)
            throws Exception {
        long lastReport = System.nanoTime();
        long end;
        long applied = 0;
        while ((end = progress.end()) < inStore || (applied = progress.applied(readModels)) < end) {
            if (System.nanoTime() - sealedAt > Duration.ofMinutes(30).toNanos()) {
                throw new IllegalStateException("after 30 minutes the topic holds " + end + " of " + inStore
                        + " events and the read models " + applied);
            }
            if (System.nanoTime() - lastReport > Duration.ofSeconds(30).toNanos()) {
                System.out.printf("read models: %,d applied; the topic holds %,d of the store's %,d events%n", applied,
                        end, inStore);
                lastReport = System.nanoTime();
            }
            Thread.sleep(100);
        }
        return (System.nanoTime() - sealedAt) / 1e9;
    }

    private static void deleteTree(Path directory) throws Exception {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
