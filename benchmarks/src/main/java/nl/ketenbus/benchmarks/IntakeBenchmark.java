package nl.ketenbus.benchmarks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.devinfra.DevSecrets;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.PartnerEnvelope;
import nl.ketenbus.devinfra.ServiceProcess;
import nl.ketenbus.devinfra.ServiceSettings;
import nl.ketenbus.devinfra.TestBsns;

/**
 * Intake throughput and latency of the running command service (its own process, durable commits on
 * PostgreSQL, publication to Kafka running alongside), against a raw JDBC baseline of equivalent rows
 * measured in the same run. Usage (docs/benchmarks.md):
 * {@code ./mvnw -B -q -DskipTests install && ./mvnw -B -q -pl benchmarks exec:java -Dexec.args="60 2"}
 * where the arguments are the seconds of each measured phase, the number of clients and, optionally,
 * the number of command nodes on the one database (default 1; batches go to them round robin).
 * {@code -Dcommand.settings=key=value,...} passes settings to the command service, {@code -Dprofiler=} records
 * it ({@link Diagnostics}).
 */
public final class IntakeBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] SIGNALS = {
            {"BEZIT", "MULTIPLE_PHONES"}, {"GEDRAG", "LYING_OR_EXCUSES"}, {"CONTACTEN", "OLDER_YOUTHS"},
            {"LOCATIE", "MISSING_OR_NOT_HOME"}, {"OVERIG", "TRUANCY_OR_FALLING_GRADES"}};

    /**
     * {@code -Dwarmup.seconds=N}: how long the clients send before the measured phases (default 15). On two
     * cores the service's optimising compiler is still at work long after 15 s; a longer warm-up measures
     * the node as it runs for hours.
     */
    private static final int WARM_UP_SECONDS = Integer.getInteger("warmup.seconds", 15);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<URI> events;
    private final AtomicInteger nextNode = new AtomicInteger();
    private final String token;

    IntakeBenchmark(List<URI> events, String token) {
        this.events = events;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        Duration phase = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 60);
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int nodes = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int subjectCount = 2_000;
        ServiceSettings settings = ServiceSettings.forTests("bench");
        List<String> arguments = new ArrayList<>(settings.arguments(
                "ketenbus.publication.topic=" + settings.kafka().freshTopic("ketenbus.events.bench"),
                "ketenbus.intake.kafka.enabled=false", "logging.level.root=WARN", LiftedLimits.RATE, LiftedLimits.BURST,
                LiftedLimits.CONCURRENCY));
        arguments.addAll(DevSecrets.forTests().commandServiceArguments());
        arguments.addAll(ExtraSettings.of("command.settings"));
        Path logs = Files.createDirectories(Path.of("target"));
        List<ServiceProcess> commandNodes = new ArrayList<>();
        try {
            for (int node = 0; node < nodes; node++) {
                commandNodes.add(ServiceProcess.start("command-service-" + node,
                        Path.of(System.getProperty("ketenbus.command-service.jar")), ServiceProcess.freePort(),
                        Diagnostics.jvm(List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"), logs,
                                "bench-command-service-" + node), arguments,
                        logs.resolve("bench-command-service-" + node + ".log"), Duration.ofMinutes(2)));
            }
            IntakeBenchmark bench = new IntakeBenchmark(commandNodes.stream()
                    .map(node -> node.baseUri().resolve("/v1/events")).toList(),
                    DevTokens.forTests().mint("politie", "bench", List.of("publisher"), Duration.ofHours(2)));
            List<String> subjects = bench.identify(subjectCount);
            System.out.printf("identified %d youths; %d command node(s), batches round robin%n", subjects.size(),
                    nodes);
            bench.run(subjects, 1_000, clients, Duration.ofSeconds(WARM_UP_SECONDS), "warm-up");
            Result throughput;
            ServiceGauges.Heap heap;
            String throughputCpu;
            try (ServiceGauges gauges = new ServiceGauges("command service", commandNodes.get(0).baseUri())
                    .countingYouthsRead();
                 Connection connection = settings.postgres().connect(settings.schema())) {
                gauges.begin();
                CpuShares cpu = CpuShares.begin();
                StatementTimes statements = StatementTimes.begin(connection);
                throughput = bench.run(subjects, 1_000, clients, phase,
                        "throughput (" + clients + " clients, batches of 1,000)");
                heap = gauges.end();
                throughputCpu = cpu.end(throughput.accepted(), "accepted event");
                statements.print(throughput.accepted(), "accepted event");
            }
            Result paced = bench.paced(subjects, 200, Duration.ofMillis(100), phase);
            Map<Integer, Double> sweep = new TreeMap<>();
            for (int swept : sweptClients()) {
                sweep.put(swept, bench.run(subjects, 1_000, swept, phase, "sweep, " + swept + " clients")
                        .eventsPerSecond());
            }
            // What each costs the whole machine, so that the ratios can be read against the two cores.
            CpuShares rawCpu = CpuShares.begin();
            double baseline = new RawJdbcBaseline(settings.postgres()).rowsPerSecond(phase, false);
            String baselineCpu = rawCpu.end(Math.round(baseline * phase.toSeconds()), "row");
            CpuShares multiRowCpu = CpuShares.begin();
            double multiRowBaseline = new RawJdbcBaseline(settings.postgres()).rowsPerSecond(phase, true);
            String multiRowBaselineCpu = multiRowCpu.end(Math.round(multiRowBaseline * phase.toSeconds()), "row");
            PlainAxonBaseline plainAxon = new PlainAxonBaseline(settings.postgres());
            CpuShares plainCpu = CpuShares.begin();
            double plain = plainAxon.eventsPerSecond(Duration.ofSeconds(WARM_UP_SECONDS), phase, clients, subjectCount);
            String plainAxonCpu = plainCpu.end(Math.round(plain * phase.toSeconds()), "event");
            Map<Integer, Double> plainSweep = new TreeMap<>();
            for (int swept : sweptClients()) {
                plainSweep.put(swept, plainAxon.eventsPerSecond(Duration.ZERO, phase, swept, subjectCount));
            }
            System.out.printf("%nRESULT intake %.0f events/s (p50 %d ms, p99 %d ms per batch of 1,000)%n",
                    throughput.eventsPerSecond(), throughput.percentile(50), throughput.percentile(99));
            // With several nodes the first one's heap only; its bytes per event then mean little.
            System.out.printf("RESULT   %s; %,.0f bytes allocated per accepted event%n", heap,
                    heap.allocatedBytes() / Math.max(1, throughput.accepted()));
            System.out.printf("RESULT   during it, %s%n", throughputCpu);
            System.out.printf("RESULT paced  %.0f events/s offered 2,000/s: p50 %d ms, p99 %d ms per batch of 200%n",
                    paced.eventsPerSecond(), paced.percentile(50), paced.percentile(99));
            System.out.printf("RESULT raw JDBC baseline %.0f rows/s; intake/baseline = %.2f%n", baseline,
                    throughput.eventsPerSecond() / baseline);
            System.out.printf("RESULT   during it, %s%n", baselineCpu);
            System.out.printf("RESULT raw JDBC baseline as multi-row inserts %.0f rows/s; intake/baseline = %.2f%n",
                    multiRowBaseline, throughput.eventsPerSecond() / multiRowBaseline);
            System.out.printf("RESULT   during it, %s%n", multiRowBaselineCpu);
            System.out.printf("RESULT plain Axon, one command per event (%d clients): %.0f events/s; "
                    + "intake/plain Axon = %.2f%n", clients, plain, throughput.eventsPerSecond() / plain);
            System.out.printf("RESULT   during it, %s%n", plainAxonCpu);
            if (!sweep.isEmpty()) {
                System.out.printf("RESULT sweep: intake %s; plain Axon %s (events/s by clients)%n", sweep, plainSweep);
                LagChart.throughputAgainstClients(Map.of("intake (HTTP batches of 1,000)", sweep,
                        "plain Axon (one command per event, in-process)", plainSweep),
                        Path.of("target", "throughput-against-clients.png"));
            }
        } finally {
            commandNodes.forEach(ServiceProcess::close);
        }
        System.exit(0);
    }

    /** {@code -Dclients.sweep=1,2,4,8}: client counts to measure the throughput (and chart it) for. */
    private static List<Integer> sweptClients() {
        String sweep = System.getProperty("clients.sweep", "");
        return sweep.isBlank() ? List.of() : java.util.Arrays.stream(sweep.split(",")).map(Integer::parseInt).toList();
    }

    List<String> identify(int count) throws IOException, InterruptedException {
        List<String> subjects = new ArrayList<>();
        while (subjects.size() < count) {
            ArrayNode batch = JSON.createArrayNode();
            for (int i = 0; i < 500; i++) {
                batch.add(identification(TestBsns.random()));
            }
            for (JsonNode result : post(batch).get("results")) {
                if (result.path("subject").isTextual()) {
                    subjects.add(result.get("subject").asText());
                }
            }
        }
        return subjects;
    }

    Result run(List<String> subjects, int batchSize, int clients, Duration duration, String name)
            throws InterruptedException {
        Result result = new Result();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    postTimed(signals(subjects, batchSize), result);
                }
            }, "bench-client-" + client);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        result.finish();
        System.out.printf("%s: %d events in %d batches, %.0f events/s%n", name, result.accepted(), result.batches(),
                result.eventsPerSecond());
        return result;
    }

    /** Offers a fixed rate: a batch every interval, measured from when it was due. */
    private Result paced(List<String> subjects, int batchSize, Duration interval, Duration duration) {
        Result result = new Result();
        long start = System.nanoTime();
        long batches = duration.toNanos() / interval.toNanos();
        for (long n = 0; n < batches; n++) {
            long due = start + n * interval.toNanos();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            postTimed(signals(subjects, batchSize), result);
        }
        result.finish();
        System.out.printf("paced: %d events in %d batches, %.0f events/s%n", result.accepted(), result.batches(),
                result.eventsPerSecond());
        return result;
    }

    private void postTimed(ArrayNode batch, Result result) {
        long begin = System.nanoTime();
        try {
            JsonNode answer = post(batch);
            result.record(answer.get("accepted").asInt(), System.nanoTime() - begin);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Batch failed", e);
        }
    }

    private JsonNode post(ArrayNode batch) throws IOException, InterruptedException {
        URI node = events.get(Math.floorMod(nextNode.getAndIncrement(), events.size()));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(node)
                .header("Content-Type", "application/cloudevents-batch+json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Batch answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static ArrayNode signals(List<String> subjects, int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        ArrayNode batch = JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            String subject = subjects.get(random.nextInt(subjects.size()));
            String[] signal = SIGNALS[random.nextInt(SIGNALS.length)];
            ObjectNode event = envelope("nl.ketenbus.signal.raised.v1").put("subject", subject);
            event.putObject("data").put("subjectRef", subject).put("signalId", "sig-" + UUID.randomUUID())
                    .put("category", signal[0]).put("indicator", signal[1]).put("observedOn", "2026-03-14");
            batch.add(event);
        }
        return batch;
    }

    private static ObjectNode identification(String bsn) {
        ObjectNode event = envelope("nl.ketenbus.subject.identification.v1");
        event.putObject("data").put("bsn", bsn).put("familyName", "Benchmark").put("dateOfBirth", "2010-05-01");
        return event;
    }

    static ObjectNode envelope(String type) {
        return PartnerEnvelope.of(type, PartnerEnvelope.source("politie"), null, PartnerEnvelope.aMinuteAgo());
    }


    /** Accepted events and batch latencies, shared by the client threads. */
    static final class Result {
        private final long started = System.nanoTime();
        private long finished;
        private long accepted;
        private final List<Long> latencies = new ArrayList<>();

        synchronized void record(int events, long nanos) {
            accepted += events;
            latencies.add(nanos);
        }

        synchronized long accepted() {
            return accepted;
        }

        synchronized int batches() {
            return latencies.size();
        }

        synchronized void finish() {
            finished = System.nanoTime();
        }

        synchronized double eventsPerSecond() {
            return accepted / (((finished == 0 ? System.nanoTime() : finished) - started) / 1e9);
        }

        synchronized long percentile(int percentile) {
            List<Long> sorted = latencies.stream().sorted().toList();
            if (sorted.isEmpty()) {
                return 0;
            }
            int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, index)) / 1_000_000;
        }
    }

}
