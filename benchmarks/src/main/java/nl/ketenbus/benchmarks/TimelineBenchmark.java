package nl.ketenbus.benchmarks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.ServiceProcess;
import nl.ketenbus.devinfra.ServiceSettings;
import org.postgresql.PGConnection;

/**
 * The covenant engine's read model at scale: 1,000,000 events over 10,000 youths stored as the
 * query service's history, then (1) a replay of all of it into a new read-model generation under a
 * new covenant version, with events/s, and (2) the timeline of a youth with 500 events read at a
 * fixed 200 requests/s through the API (token, access point, covenant check, paging), on one node,
 * beside a node without access log, and on two audited nodes in turn, against a plain indexed SQL
 * select of the same rows and a durable commit alone ({@link CommitBaseline}) at the same rate, all
 * measured in this run. Usage
 * (docs/benchmarks.md):
 * {@code ./mvnw -B -q -DskipTests install && ./mvnw -B -q -pl benchmarks exec:java
 * -Dbenchmark=TimelineBenchmark -Dexec.args="60"}; {@code -Dreplay.only=true} stops after the replay,
 * {@code -Done.node=true} after the first measured phase (one node) and the two baselines; {@code -Dwarmup=N}
 * warms the first node
 * up for N seconds at 200 reads a second before it (default 90). With {@code -Dreads.log=true} every read of
 * a phase is written out ({@link ReadLog}).
 */
public final class TimelineBenchmark {

    static final String TARGET = "bench-target-youth";
    static final int YOUTHS = 10_000;
    static final int TARGET_EVENTS = 500;
    static final int EVENTS = 1_000_000;
    private static final int RATE = 200;
    private static final int PAGE_SIZE = 50;

    /** {@code -Dreads.client=jdk}: the timeline reads through the JDK's client, as before the blocking one. */
    private static final boolean JDK_CLIENT = "jdk".equals(System.getProperty("reads.client"));
    /**
     * At most this many reads are at the node at once; the rest wait in the client's queue, timed from
     * when they were due (a warm node at 200 reads a second has fewer than ten open).
     */
    private static final int READ_CONNECTIONS = 64;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final BlockingHttp reads = new BlockingHttp(READ_CONNECTIONS, "timeline-reads");
    private final URI base;
    private final String target;
    /** The entries the reader sees of the target: every answer must say this many. */
    private final int targetEntries;
    /** What else every answer must (not) show, e.g. the name the node reveals. */
    private final java.util.function.Predicate<String> answerShows;

    TimelineBenchmark(URI base) {
        this(base, TARGET, TARGET_EVENTS, answer -> true);
    }

    TimelineBenchmark(URI base, String target, int targetEntries, java.util.function.Predicate<String> answerShows) {
        this.base = base;
        this.target = target;
        this.targetEntries = targetEntries;
        this.answerShows = answerShows;
    }

    /** A step of the harness that may fail as its HTTP calls do. */
    interface Step {
        void run() throws IOException, InterruptedException;
    }

    public static void main(String[] args) {
        runThenExit(() -> run(Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 60)));
    }

    /** A harness's body. */
    interface Harness {
        void run() throws Exception;
    }

    /** Runs the harness and ends the JVM with its outcome. */
    static void runThenExit(Harness harness) {
        try {
            harness.run();
        } catch (Exception | Error failure) {
            // Said here and ended here: the in-process broker's threads would keep the JVM waiting.
            failure.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(Duration phase) throws Exception {
        ServiceSettings settings = ServiceSettings.forTests("benchq");
        List<String> arguments = new ArrayList<>(settings.arguments(
                "ketenbus.projection.topic=" + settings.kafka().freshTopic("ketenbus.events.benchq"),
                "logging.level.root=WARN", LiftedLimits.RATE, LiftedLimits.BURST,
                LiftedLimits.CONCURRENCY, "logging.level.nl.ketenbus=INFO",
                "ketenbus.replay.workers=" + System.getProperty("workers", "2"),
                // The seeded history is older than its retention: the pass (RetentionBenchmark measures
                // it) would delete most of it in the middle of these phases.
                "ketenbus.retention.first-pass-after=PT24H"));
        // -Dquery.settings=a=1,b=2: settings of the query service to compare (e.g. the replay's batches).
        arguments.addAll(ExtraSettings.of("query.settings"));
        Path logs = Files.createDirectories(Path.of("target"));
        try (ServiceProcess query = ServiceProcess.start("query-service",
                Path.of(System.getProperty("ketenbus.query-service.jar")), ServiceProcess.freePort(),
                Diagnostics.jvm(List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"), logs, "bench-query-service"),
                arguments, logs.resolve("bench-query-service.log"), Duration.ofMinutes(2));
             Connection connection = settings.postgres().connect(settings.schema())) {
            TimelineBenchmark bench = new TimelineBenchmark(query.baseUri());
            long seeded = System.nanoTime();
            new HistorySeed(new Random(20261127L)).copyInto(connection.unwrap(PGConnection.class).getCopyAPI(),
                    YOUTHS, EVENTS, TARGET, TARGET_EVENTS);
            try (var analyze = connection.createStatement()) {
                analyze.execute("analyze timeline_entry");
                analyze.execute("analyze case_participation");
            }
            System.out.printf("seeded %,d events over %,d youths in %d s%n", EVENTS, YOUTHS,
                    (System.nanoTime() - seeded) / 1_000_000_000);

            ServiceGauges.Heap[] replayHeap = new ServiceGauges.Heap[1];
            double replay;
            try (ServiceGauges heap = new ServiceGauges("query service", query.baseUri())) {
                heap.begin();
                replay = bench.replay(settings.tokens(), EVENTS, () -> replayHeap[0] = heap.end());
            }
            long entries = count(connection, "select count(*) from audience_entry where generation = 2");
            System.out.printf("%nRESULT replay %,.0f events/s (1,000,000 events, 10,000 youths; %,d entries, "
                    + "%.2f per event); during it the %s%n", replay, entries, entries / (double) EVENTS, replayHeap[0]);
            if (Boolean.getBoolean("replay.only")) {
                return;
            }
            // Reads are measured on a settled database: the replay's millions of fresh rows are
            // flushed and analysed first, so that no read phase waits behind that bulk load's I/O.
            settle(connection);
            String token = settings.tokens().mint("gemeente", HistorySeed.DIRECTOR, List.of("casusregisseur"),
                    Duration.ofHours(2));
            // The covenant engine's figure: this node alone, audited as every read is, after a warm-up
            // long enough for the JIT on two shared cores (30 s was not: p99 stayed in the hundreds of ms;
            // after 90 s the node's compilers still took a quarter of a core in some runs of 2026-12-05:
            // -Dwarmup=N seconds).
            bench.readApi(token, Duration.ofSeconds(Long.getLong("warmup", 90)));
            StatementTimes statements = StatementTimes.begin(connection);
            Latencies alone;
            int probe = Integer.getInteger("commit.probe", 0);
            CompletableFuture<Latencies> commitsBeside = probe > 0 ? CommitBaseline.beside(settings, phase, probe)
                    : CompletableFuture.completedFuture(null);
            try (ServiceGauges heap = new ServiceGauges("query service", query.baseUri())) {
                heap.begin();
                alone = bench.readApi(token, phase);
                ServiceGauges.Heap used = heap.end();
                System.out.printf("during it the %s (%.0f KiB allocated per read)%n", used,
                        used.allocatedBytes() / 1024 / Math.max(1, alone.count()));
            }
            statements.print(alone.count(), "read");
            if (Boolean.getBoolean("one.node")) {
                new SqlBaseline(connection).read(Duration.ofSeconds(5));
                Latencies sql = new SqlBaseline(connection).read(phase);
                Latencies commits = floor(connection, phase);
                printAlone(alone);
                printBaselines(sql, commits);
                printBeside(commitsBeside.join(), probe);
                return;
            }
            Latencies api;
            Latencies unaudited;
            long logged;
            // The same reads on a second node of the same database whose access log is switched off
            // (benchmark only: such a node never reports ready), for the audit's overhead. Both nodes
            // are warmed up first; then each is measured in turn, audited first.
            try (ServiceProcess withoutLog = ServiceProcess.startAlive("query-service-without-access-log",
                    Path.of(System.getProperty("ketenbus.query-service.jar")), ServiceProcess.freePort(),
                    List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"), withArgument(arguments,
                            "ketenbus.audit.disabled-for-benchmark=true"),
                    logs.resolve("bench-query-service-without-access-log.log"), Duration.ofMinutes(2))) {
                TimelineBenchmark baseline = new TimelineBenchmark(withoutLog.baseUri());
                baseline.warmUp(withoutLog.baseUri(), token);
                api = bench.readApi(token, phase);
                logged = count(connection, "select count(*) from access_log");
                unaudited = baseline.readApi(token, phase);
            }
            // Two audited nodes of the same database, as deploy/k8s runs them, the reads going to both
            // in turn, the second one warmed up first.
            Latencies twoNodes;
            try (ServiceProcess second = ServiceProcess.start("query-service-2",
                    Path.of(System.getProperty("ketenbus.query-service.jar")), ServiceProcess.freePort(),
                    List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"), arguments,
                    logs.resolve("bench-query-service-2.log"), Duration.ofMinutes(2))) {
                bench.warmUp(second.baseUri(), token);
                twoNodes = bench.read(List.of(query.baseUri(), second.baseUri()), token, phase, RATE);
            }
            new SqlBaseline(connection).read(Duration.ofSeconds(5));
            Latencies sql = new SqlBaseline(connection).read(phase);
            Latencies commits = floor(connection, phase);
            printAlone(alone);
            System.out.printf("RESULT timeline API at %d req/s, beside the baseline node: p50 %.1f ms, p99 %.1f ms%n",
                    RATE, api.percentile(50), api.percentile(99));
            System.out.printf("RESULT timeline API at %d req/s over two audited nodes in turn: p50 %.1f ms, "
                    + "p99 %.1f ms, max %.1f ms (%d requests)%n", RATE, twoNodes.percentile(50),
                    twoNodes.percentile(99), twoNodes.percentile(100), twoNodes.count());
            printBaselines(sql, commits);
            printBeside(commitsBeside.join(), probe);
            System.out.printf("RESULT timeline API without access log at %d req/s, beside the audited node: "
                    + "p50 %.1f ms, p99 %.1f ms; "
                    + "audited/unaudited p99 = %.2f (%,d access records written by the audited node)%n", RATE,
                    unaudited.percentile(50), unaudited.percentile(99), api.percentile(99) / unaudited.percentile(99),
                    logged);
        }
    }

    /** The durable commit's floor ({@link CommitBaseline}) at the reads' rate, after a few seconds of it. */
    private static Latencies floor(Connection connection, Duration phase) throws SQLException {
        new CommitBaseline(connection).commit(Duration.ofSeconds(5), RATE);
        return new CommitBaseline(connection).commit(phase, RATE);
    }

    /** The baselines of the same run: what a plain select and a durable commit alone take at the reads' pace. */
    private static void printBaselines(Latencies sql, Latencies commits) {
        System.out.printf("RESULT plain indexed select at %d req/s: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                RATE, sql.percentile(50), sql.percentile(99), sql.percentile(100));
        System.out.printf("RESULT durable commit alone at %d/s (every audited read waits for one): p50 %.2f ms, "
                + "p99 %.1f ms, max %.1f ms%n", RATE, commits.percentile(50), commits.percentile(99),
                commits.percentile(100));
    }

    private static void printBeside(Latencies commits, int rate) {
        if (commits != null) {
            System.out.printf("RESULT durable commit at %d/s beside the first node's measured reads: p50 %.2f ms, "
                    + "p99 %.1f ms, max %.1f ms%n", rate, commits.percentile(50), commits.percentile(99),
                    commits.percentile(100));
        }
    }

    private static void printAlone(Latencies alone) {
        System.out.printf("%nRESULT timeline API at %d req/s, one node: p50 %.1f ms, p99 %.1f ms, max %.1f ms "
                + "(%d requests)%n", RATE, alone.percentile(50), alone.percentile(99), alone.percentile(100),
                alone.count());
    }

    /**
     * Vacuums and analyses what the seed and the replay wrote, flushes it, and waits until no
     * autovacuum worker runs: a commit (every audited read makes one) waits behind such I/O.
     */
    static void settle(Connection connection) throws SQLException, InterruptedException {
        try (var settle = connection.createStatement()) {
            for (String table : List.of("timeline_entry", "audience_view", "case_participation")) {
                settle.execute("vacuum analyze " + table);
            }
            settle.execute("checkpoint");
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                try (ResultSet workers = settle.executeQuery("select count(*) from pg_stat_activity "
                        + "where backend_type = 'autovacuum worker'")) {
                    workers.next();
                    if (workers.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(1_000);
            }
        }
    }

    static long count(Connection connection, String query) throws SQLException {
        try (var count = connection.createStatement();
             ResultSet result = count.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static List<String> withArgument(List<String> arguments, String extra) {
        List<String> all = new ArrayList<>(arguments);
        all.add(extra);
        return all;
    }

    /**
     * Proposes the reference covenant as version 2, waits until its generation is built (the replay
     * measured), then has a privacy officer take its impact report and approve it, and waits until it
     * serves (ADR 0017).
     */
    double replay(DevTokens tokens, long expectedEvents) throws IOException, InterruptedException {
        return replay(tokens, expectedEvents, () -> { });
    }

    /** As {@link #replay(DevTokens, long)}, running {@code whenBuilt} once the generation is READY. */
    double replay(DevTokens tokens, long expectedEvents, Step whenBuilt) throws IOException, InterruptedException {
        String admin = tokens.mint("gemeente", "bench-admin", List.of("covenant-administrator"), Duration.ofHours(2));
        String privacy = tokens.mint("gemeente", "bench-privacy", List.of("privacy-officer"), Duration.ofHours(2));
        String document = nl.ketenbus.covenant.CovenantLoader.documentAt("")
                .replace("\nversion: 1\n", "\nversion: 2\n");
        long started = System.nanoTime();
        JsonNode change = send("POST", "/v1/covenant/changes", admin, "application/yaml", document, 202);
        int generation = change.get("generation").asInt();
        JsonNode built = awaitState(admin, generation, "READY");
        double seconds = (System.nanoTime() - started) / 1e9;
        whenBuilt.run();
        long events = built.get("eventsDone").asLong();
        System.out.printf("replayed %,d events of %,d youths in %.1f s%n", events, built.get("subjectsDone").asLong(),
                seconds);
        if (events != expectedEvents) {
            throw new IllegalStateException("the replay decided " + events + " events, not " + expectedEvents);
        }
        long reporting = System.nanoTime();
        String path = "/v1/covenant/changes/" + change.get("changeId").asInt();
        JsonNode report = send("GET", path + "/impact?fresh=true", privacy, null, null, 200);
        System.out.printf("impact report over both generations in %.1f s (%,d entries appear)%n",
                (System.nanoTime() - reporting) / 1e9, report.get("totals").get("eventsAppearing").asLong());
        send("POST", path + "/approval", privacy, "application/json",
                "{\"reportSha256\":\"" + report.get("reportSha256").asText() + "\"}", 200);
        awaitState(admin, generation, "ACTIVE");
        return events / seconds;
    }

    private JsonNode awaitState(String token, int generation, String state) throws IOException, InterruptedException {
        while (true) {
            JsonNode status = send("GET", "/v1/covenant/generations/" + generation, token, null, null, 200);
            if (status.get("state").asText().equals(state)) {
                return status;
            }
            Thread.sleep(500);
        }
    }

    private JsonNode send(String method, String path, String token, String contentType, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer "
                + token).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return IntakeBenchmark.JSON.readTree(answer.body());
    }

    /** Offers {@link #RATE} timeline reads per second (random pages of the 500-event youth), open loop. */
    Latencies readApi(String token, Duration duration) {
        return read(List.of(base), token, duration, RATE);
    }

    /**
     * Warms a freshly started node up gently, 20 s at each of 20, 50, 100 and {@link #RATE} reads a
     * second: offered 200 reads a second at once, a cold node on two shared cores answered 503 when its
     * pool of ten had waited longer than 2 s, and the phase ended there.
     */
    void warmUp(URI node, String token) {
        for (int rate : List.of(20, 50, 100, RATE)) {
            read(List.of(node), token, Duration.ofSeconds(20), rate);
        }
    }

    /** Offers {@code rate} timeline reads per second to the nodes in turn, open loop. */
    private Latencies read(List<URI> nodes, String token, Duration duration, int rate) {
        Latencies latencies = new Latencies();
        Random random = new Random(7);
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        int[] sent = {0};
        CpuShares cpu = CpuShares.begin();
        pace(duration, rate, due -> {
            URI page = nodes.get(sent[0]++ % nodes.size()).resolve("/v1/subjects/" + target
                    + "/timeline?purpose=pga-casusregie&size=" + PAGE_SIZE
                    + "&page=" + random.nextInt(targetEntries / PAGE_SIZE));
            pending.add(send(page, token).thenAccept(response -> {
                latencies.record(due, System.nanoTime() - due);
                if (response.status() != 200 || !response.body().contains("\"totalEntries\":" + targetEntries)
                        || !answerShows.test(response.body())) {
                    throw new IllegalStateException("timeline answered " + response.status() + ": "
                            + response.body().substring(0, Math.min(300, response.body().length())));
                }
            }));
        });
        pending.forEach(CompletableFuture::join);
        System.out.printf("timeline API: %d reads at %d/s on %d node(s), p99 %.1f ms; %s%n", latencies.count(), rate,
                nodes.size(), latencies.percentile(99), cpu.end(latencies.count(), "read"));
        ReadLog.write(latencies, rate, nodes.size());
        return latencies;
    }

    /**
     * A timeline read through the blocking client ({@link BlockingHttp}), or with
     * {@code -Dreads.client=jdk} through the JDK's asynchronous client, which the harness used until the
     * twenty-third session (docs/benchmarks.md compares the two).
     */
    private CompletableFuture<BlockingHttp.Answer> send(URI page, String token) {
        if (JDK_CLIENT) {
            return get(http, HttpRequest.newBuilder(page).header("Authorization", "Bearer " + token).build())
                    .thenApply(response -> new BlockingHttp.Answer(response.statusCode(), response.body()));
        }
        return reads.get(page, token);
    }

    /**
     * Sends the read; once more if the node closed the pooled connection before answering (a keep-alive
     * race of the client's pool, seen once in a warm-up after the replay: the read never reached the
     * service; the JDK's client reports it as an end of stream or as a header with no bytes). The time of
     * both counts.
     */
    static CompletableFuture<HttpResponse<String>> get(HttpClient http, HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> failure == null ? CompletableFuture.completedFuture(response)
                        : closedBeforeAnswer(failure) ? http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                        : CompletableFuture.<HttpResponse<String>>failedFuture(failure))
                .thenCompose(answer -> answer);
    }

    private static boolean closedBeforeAnswer(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.EOFException || cause instanceof IOException io
                    && String.valueOf(io.getMessage()).contains("received no bytes")) {
                return true;
            }
        }
        return false;
    }

    /** Calls {@code request} at {@link #RATE} per second, each with the moment it was due (nanoTime). */
    static void pace(Duration duration, java.util.function.LongConsumer request) {
        pace(duration, RATE, request);
    }

    /** Calls {@code request} at {@code rate} per second, each with the moment it was due (nanoTime). */
    static void pace(Duration duration, int rate, java.util.function.LongConsumer request) {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long count = duration.toNanos() / interval;
        for (long n = 0; n < count; n++) {
            long due = start + n * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            request.accept(due);
        }
    }

    /** The baseline: the same page of the same youth's rows by a plain indexed select, at the same rate. */
    record SqlBaseline(Connection connection, String target) {

        SqlBaseline(Connection connection) {
            this(connection, TARGET);
        }

        Latencies read(Duration duration) throws SQLException {
            Latencies latencies = new Latencies();
            Random random = new Random(7);
            CpuShares cpu = CpuShares.begin();
            try (PreparedStatement select = connection.prepareStatement("select * from timeline_entry "
                    + "where subject_ref = ? order by occurred_at, recorded_at, event_id limit ? offset ?")) {
                pace(duration, due -> {
                    try {
                        select.setString(1, target);
                        select.setInt(2, PAGE_SIZE);
                        select.setInt(3, PAGE_SIZE * random.nextInt(TARGET_EVENTS / PAGE_SIZE));
                        int rows = 0;
                        try (ResultSet result = select.executeQuery()) {
                            while (result.next()) {
                                result.getString("data");
                                rows++;
                            }
                        }
                        latencies.record(System.nanoTime() - due);
                        if (rows != PAGE_SIZE) {
                            throw new IllegalStateException("the baseline read " + rows + " rows");
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            System.out.printf("plain select: %d reads, p99 %.1f ms; %s%n", latencies.count(), latencies.percentile(99),
                    cpu.end(latencies.count(), "read"));
            return latencies;
        }
    }

    /** Latencies in nanoseconds, reported in milliseconds. */
    static final class Latencies {
        private final List<Long> nanos = new ArrayList<>();
        /** When each latency began (nanoTime), where the caller said so; for {@link ReadLog}. */
        private final List<long[]> timed = new ArrayList<>();

        synchronized void record(long value) {
            nanos.add(value);
        }

        /** A latency that began at {@code due} (nanoTime). */
        synchronized void record(long due, long value) {
            nanos.add(value);
            timed.add(new long[] {due, value});
        }

        synchronized List<long[]> timed() {
            return List.copyOf(timed);
        }

        synchronized int count() {
            return nanos.size();
        }

        /** The percentile in milliseconds; NaN when nothing was recorded. */
        synchronized double percentile(int percentile) {
            if (nanos.isEmpty()) {
                return Double.NaN;
            }
            List<Long> sorted = nanos.stream().sorted().toList();
            int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, index)) / 1e6;
        }
    }
}
