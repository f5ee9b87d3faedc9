package nl.ketenbus.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import nl.ketenbus.devinfra.DevSecrets;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.ServiceProcess;
import nl.ketenbus.devinfra.ServiceSettings;
import org.postgresql.PGConnection;

/**
 * The lag a case director feels, with the whole pipeline running: intake, store, publisher, broker,
 * projection. Both services run as processes with the heap of the goal ({@code -Xmx512m}); a reader
 * reads timelines through the API throughout. After a warm-up, and once its backlog has drained
 * ({@link #SETTLE_AT_MOST}), for each offered rate: the lag of ten probes a second
 * ({@link Probes}), the intake's answers, each service's garbage collection. Then the catch-up: the
 * query node is stopped, a backlog is written, a new query node starts and the time until it has
 * applied all of it is measured (with {@code -Dcatchup.warm=true}, before that the same node catches up
 * after its projection was held). Usage (docs/benchmarks.md): {@code ./mvnw -B -q -DskipTests install
 * && ./mvnw -B -q -pl benchmarks exec:java -Dbenchmark=LagBenchmark -Dexec.args="60 2000,8000 100000"}
 * (seconds per rate, the rates or {@code none} for the catch-up alone, the backlog).
 */
public final class LagBenchmark {

    /**
     * The heap of the goal; the collector is {@code -Dgc=G1} or Parallel (the default); {@code -Djvm.extra=}
     * adds flags, separated by spaces, to both services (e.g. the young generation's size).
     */
    private static final List<String> JVM = Stream.concat(Stream.of("-Xms512m", "-Xmx512m",
            "-XX:+Use" + System.getProperty("gc", "Parallel") + "GC"),
            Stream.of(System.getProperty("jvm.extra", "").split(" ")).filter(flag -> !flag.isBlank())).toList();
    private static final int PROBES_EVERY_TICKS = 4;
    /** Timeline reads per second through the API during the whole run ({@code -Dreads=N}). */
    private static final int READS_PER_SECOND = Integer.getInteger("reads", 50);
    /**
     * {@code -Dwarmup.rate=N}: the warm-up's events per second (default 2,000). The first phase begins
     * only once the warm-up's backlog has drained ({@link #SETTLE_AT_MOST}), so a rate above what the
     * pipeline takes costs waiting time, not the phase's figures.
     */
    private static final int WARM_UP_RATE = Integer.getInteger("warmup.rate", 2_000);
    /** {@code -Dwarmup.seconds=N}: how long the warm-up offers its load (default 30). */
    private static final int WARM_UP_SECONDS = Integer.getInteger("warmup.seconds", 30);
    /**
     * How long the harness waits after the warm-up for its probes to be seen, so that the first phase
     * starts from a pipeline that has applied what was offered before it (else its lag is the warm-up's
     * and the services' start-up's backlog, not what the phase's rate does).
     */
    private static final Duration SETTLE_AT_MOST = Duration.ofMinutes(5);
    /**
     * {@code -Dyouths=N}: how many youths the load spreads its signals over (default 2,000). At 2,000
     * events/s each of 2,000 youths gains a fact a second, far more than a real youth's history grows.
     */
    private static final int YOUTHS = Integer.getInteger("youths", 2_000);

    /**
     * {@code -Dcatchup.warm=true}: first a catch-up on the node that ran the phases, warm, then the one on
     * a new node as without it (the baseline of the same run). While the backlog is written the harness
     * holds the projection's stored positions locked ({@code select ... for update} in a transaction of
     * its own), so the node's batch waits for them as it would for a database or a broker that is away,
     * and keeps its compiled code; the catch-up is measured from the lock's release. Needs at least one
     * rate (positions exist after the first batch), and a backlog written well within the consumer's
     * {@code max.poll.interval.ms} (five minutes).
     */
    private static final boolean WARM_CATCH_UP = Boolean.getBoolean("catchup.warm");
    /**
     * {@code -Dhistory=N}: before the warm-up, N facts of 10,000 other youths are copied into the query
     * side's stored history ({@link HistorySeed}, random ids, as every fact's id was before ids ordered by
     * time), so that the projection writes into a {@code timeline_entry} of an installation's size rather
     * than an empty one. Its audience views are not built: those of the load's youths are the only ones.
     */
    private static final int HISTORY = Integer.getInteger("history", 0);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicReference<URI> queryBase = new AtomicReference<>();
    /** The reads' latencies since the phase began (a new set for each phase and for the catch-up). */
    private final AtomicReference<TimelineBenchmark.Latencies> reads = new AtomicReference<>(
            new TimelineBenchmark.Latencies());
    private final AtomicInteger failedReads = new AtomicInteger();
    private volatile boolean reading = true;

    private LagBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration phase = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 60);
        // "none": no offered load at all, only the catch-up (to study the projection on its own).
        String offered = args.length > 1 ? args[1] : "2000,8000";
        List<Integer> rates = offered.equals("none") ? List.of() : List.of(offered.split(",")).stream()
                .map(Integer::parseInt).toList();
        int backlog = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        try {
            new LagBenchmark().run(phase, rates, backlog);
        } catch (Exception | Error failure) {
            failure.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run(Duration phase, List<Integer> rates, int backlog) throws Exception {
        ServiceSettings command = ServiceSettings.forTests("benchlc");
        ServiceSettings query = ServiceSettings.forTests("benchlq");
        String topic = command.kafka().freshTopic("ketenbus.events.benchl");
        List<String> commandArguments = new ArrayList<>(command.arguments("ketenbus.publication.topic=" + topic,
                "ketenbus.intake.kafka.enabled=false", "logging.level.root=WARN", LiftedLimits.RATE,
                LiftedLimits.BURST, LiftedLimits.CONCURRENCY));
        commandArguments.addAll(DevSecrets.forTests().commandServiceArguments());
        // -Dcommand.settings=a=1,b=2: settings of the command service to compare (e.g. a lane's group).
        commandArguments.addAll(ExtraSettings.of("command.settings"));
        Path logs = Files.createDirectories(Path.of("target"));
        try (ServiceProcess commandNode = ServiceProcess.start("command-service",
                Path.of(System.getProperty("ketenbus.command-service.jar")), ServiceProcess.freePort(),
                Diagnostics.jvm(JVM, logs, "bench-lag-command-service"),
                commandArguments, Diagnostics.freshLog(logs, "bench-lag-command-service"), Duration.ofMinutes(2));
             Connection connection = query.postgres().connect(query.schema());
             Connection watching = query.postgres().connect(query.schema());
             ServiceGauges commandHeap = new ServiceGauges("command service", commandNode.baseUri())
                     .watching("ketenbus_publication_backlog_events", Duration.ofSeconds(5)).countingYouthsRead()) {
            List<String> queryArguments = new ArrayList<>(query.arguments("ketenbus.projection.topic=" + topic,
                    "logging.level.root=WARN", LiftedLimits.RATE, LiftedLimits.BURST, LiftedLimits.CONCURRENCY));
            queryArguments.addAll(DevSecrets.forTests().queryServiceArguments(commandNode.baseUri()));
            // -Dquery.settings=a=1,b=2: settings of the query service to compare (e.g. the records per poll).
            queryArguments.addAll(ExtraSettings.of("query.settings"));
            if (HISTORY > 0) {
                // The seeded history is older than its retention: the pass would delete it during the phases.
                queryArguments.add("ketenbus.retention.first-pass-after=PT24H");
            }
            URI events = commandNode.baseUri().resolve("/v1/events");
            String publisher = DevTokens.forTests().mint("politie", "bench", List.of("publisher"), Duration.ofHours(3));
            IntakeBenchmark intake = new IntakeBenchmark(List.of(events), publisher);
            List<String> youths = intake.identify(YOUTHS);
            List<String> probeYouths = intake.identify(100);
            OfferedLoad load = new OfferedLoad(events, publisher, youths);
            Map<String, List<Probes.Lag>> charted = new LinkedHashMap<>();
            ServiceProcess queryNode = startQueryNode(query, queryArguments, logs, "1");
            if (HISTORY > 0) {
                seedHistory(connection);
            }
            try (Probes probes = new Probes(events, publisher, probeYouths, watching)) {
                Thread reader = startReader(probeYouths);
                // The nodes measure their queues every 5 s (ketenbus.publication.status-interval) and 15 s
                // (ketenbus.projection.lag-interval): a few samples a minute say which stage queues
                // without adding work to the nodes measured.
                try (ServiceGauges queryHeap = new ServiceGauges("query service", queryNode.baseUri())
                        .watching("ketenbus_projection_lag", Duration.ofSeconds(15))) {
                    if (!rates.isEmpty()) {
                        warmUp(load, probes);
                    }
                    for (int rate : rates) {
                        commandHeap.begin();
                        queryHeap.begin();
                        probes.newPhase();
                        reads.set(new TimelineBenchmark.Latencies());
                        int failedBefore = failedReads.get();
                        CpuShares cpu = CpuShares.begin();
                        StatementTimes statements = StatementTimes.begin(connection);
                        OfferedLoad.Outcome outcome = offer(load, probes, rate, phase);
                        String coresUsed = cpu.end(outcome.accepted(), "accepted event");
                        statements.print(outcome.accepted(), "accepted event");
                        probes.awaitSeen(Duration.ofMinutes(3));
                        List<Probes.Lag> lags = probes.newPhase();
                        charted.put(String.format("%,d events/s offered", rate), lags);
                        report(rate, outcome, lags, probes, commandHeap.end(), queryHeap.end(), failedBefore);
                        System.out.printf("RESULT   during the load, %s%n", coresUsed);
                    }
                }
                verifyAudienceEntries(connection);
                probes.close();
                TopicProgress progress = new TopicProgress(command.kafka(), topic);
                if (WARM_CATCH_UP) {
                    warmCatchUp(intake, youths, backlog, commandNode, progress, connection, query);
                }
                queryNode = catchUp(queryNode, intake, youths, backlog, commandNode, progress, connection, query,
                        queryArguments, logs);
                reading = false;
                reader.join();
            } finally {
                queryNode.close();
            }
            if (!charted.isEmpty()) {
                Path chart = Path.of("target", "lag-over-time.png").toAbsolutePath();
                LagChart.lagOverTime(charted, chart);
                System.out.println("chart: " + chart);
            }
        }
    }

    private static void seedHistory(Connection connection) throws Exception {
        long since = System.nanoTime();
        new HistorySeed(new Random(20261203L)).copyInto(connection.unwrap(PGConnection.class).getCopyAPI(),
                10_000, HISTORY, "bench-history-youth", 100);
        TimelineBenchmark.settle(connection);
        System.out.printf("seeded %,d facts of 10,000 other youths into the stored history in %.1f s%n", HISTORY,
                (System.nanoTime() - since) / 1e9);
    }

    /**
     * The warm-up's load, then the wait until every probe sent in it was seen: the backlog of the
     * identifications, the warm-up and the services' first minute (their compilers) drained.
     */
    private static void warmUp(OfferedLoad load, Probes probes) throws InterruptedException {
        System.out.printf("warm-up: %d s at %,d events/s%n", WARM_UP_SECONDS, WARM_UP_RATE);
        System.out.printf("RESULT warm-up: %s%n", offer(load, probes, WARM_UP_RATE,
                Duration.ofSeconds(WARM_UP_SECONDS)));
        long ended = System.nanoTime();
        probes.awaitSeen(SETTLE_AT_MOST);
        System.out.printf("RESULT   its backlog drained %.1f s after it ended (%d probes still not seen, %s refused)%n",
                (System.nanoTime() - ended) / 1e9, probes.outstanding(), probes.takeRefused());
    }

    private ServiceProcess startQueryNode(ServiceSettings query, List<String> arguments, Path logs, String name) {
        ServiceProcess node = ServiceProcess.start("query-service-" + name,
                Path.of(System.getProperty("ketenbus.query-service.jar")), ServiceProcess.freePort(),
                Diagnostics.jvm(JVM, logs, "bench-lag-query-service-" + name), arguments,
                Diagnostics.freshLog(logs, "bench-lag-query-service-" + name), Duration.ofMinutes(2));
        queryBase.set(node.baseUri());
        return node;
    }

    private static OfferedLoad.Outcome offer(OfferedLoad load, Probes probes, int rate, Duration duration)
            throws InterruptedException {
        AtomicInteger tick = new AtomicInteger();
        return load.offer(rate, duration, () -> {
            if (tick.getAndIncrement() % PROBES_EVERY_TICKS == 0) {
                probes.send();
            }
        });
    }

    private void report(int rate, OfferedLoad.Outcome outcome, List<Probes.Lag> lags, Probes probes,
                        ServiceGauges.Heap commandHeap, ServiceGauges.Heap queryHeap, int failedBefore) {
        TimelineBenchmark.Latencies all = latencies(lags, 0, Double.MAX_VALUE);
        double last = lags.stream().mapToDouble(Probes.Lag::sentAtSecond).max().orElse(0);
        TimelineBenchmark.Latencies first = latencies(lags, 0, 60);
        TimelineBenchmark.Latencies closing = latencies(lags, last - 60, Double.MAX_VALUE);
        System.out.printf("%nRESULT lag at %,d events/s offered: %s%n", rate, outcome);
        System.out.printf("RESULT   %d probes seen, %d not seen within 3 minutes of the end, %s refused; "
                        + "lag p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", all.count(), probes.outstanding(),
                probes.takeRefused(), all.percentile(50), all.percentile(90), all.percentile(99), all.percentile(100));
        if (first.count() > 0 && closing.count() > 0) {
            System.out.printf("RESULT   first minute p99 %.1f ms, last minute p99 %.1f ms%n", first.percentile(99),
                    closing.percentile(99));
        }
        System.out.printf("RESULT   %s%nRESULT   %s%n", commandHeap, queryHeap);
        TimelineBenchmark.Latencies phaseReads = reads.get();
        System.out.printf("RESULT   timeline reads meanwhile: %d (%d failed), p50 %.1f ms, p99 %.1f ms%n",
                phaseReads.count(), failedReads.get() - failedBefore, phaseReads.percentile(50),
                phaseReads.percentile(99));
    }

    private static TimelineBenchmark.Latencies latencies(List<Probes.Lag> lags, double from, double to) {
        TimelineBenchmark.Latencies latencies = new TimelineBenchmark.Latencies();
        lags.stream().filter(lag -> lag.sentAtSecond() >= from && lag.sentAtSecond() < to)
                .forEach(lag -> latencies.record((long) (lag.millis() * 1e6)));
        return latencies;
    }

    /**
     * The backlog after an outage: the query node is stopped, {@code backlog} events are written and
     * published, and a new node starts; measured from its readiness until it applied them all.
     */
    private ServiceProcess catchUp(ServiceProcess queryNode, IntakeBenchmark intake, List<String> youths,
                                   int backlog, ServiceProcess commandNode, TopicProgress progress,
                                   Connection connection, ServiceSettings query, List<String> arguments, Path logs)
            throws Exception {
        Thread.sleep(3_000);
        queryNode.close();
        long accepted = writeBacklog(intake, youths, backlog, commandNode, connection);
        long startedAt = System.nanoTime();
        ServiceProcess restarted = startQueryNode(query, arguments, logs, "2");
        measureCatchUp("catch-up", "from readiness", progress, connection, accepted, startedAt);
        return restarted;
    }

    /**
     * The backlog after an outage that the node lived through: its projection is held at its stored
     * positions while {@code backlog} events are written and published, then let go; measured from
     * then until it applied them all.
     */
    private void warmCatchUp(IntakeBenchmark intake, List<String> youths, int backlog, ServiceProcess commandNode,
                             TopicProgress progress, Connection connection, ServiceSettings query) throws Exception {
        Thread.sleep(3_000);
        long appliedBefore = progress.applied(connection);
        try (Connection holding = query.postgres().connect(query.schema())) {
            holding.setAutoCommit(false);
            try (var statement = holding.createStatement();
                 var held = statement.executeQuery("select next_offset from consumer_position for update")) {
                if (!held.next()) {
                    throw new IllegalStateException("no stored positions to hold: -Dcatchup.warm needs a rate");
                }
            }
            long heldAt = System.nanoTime();
            long accepted = writeBacklog(intake, youths, backlog, commandNode, connection);
            System.out.printf("%nRESULT warm catch-up: the projection held %.1f s while %,d events were written "
                    + "(%,d records applied meanwhile)%n", (System.nanoTime() - heldAt) / 1e9, accepted,
                    progress.applied(connection) - appliedBefore);
            holding.rollback();
            measureCatchUp("warm catch-up", "from the release", progress, connection, accepted, 0);
        }
    }

    /**
     * Writes and publishes the backlog through the intake. The projection is stopped or held meanwhile,
     * so the WAL of these seconds is the command side's (and, on a held node, the reads' access records):
     * its rate and WAL per accepted event are printed.
     */
    private long writeBacklog(IntakeBenchmark intake, List<String> youths, int backlog, ServiceProcess commandNode,
                              Connection connection) throws Exception {
        long accepted = 0;
        long since = System.nanoTime();
        WalVolume wal = WalVolume.begin(connection);
        while (accepted < backlog) {
            accepted += intake.run(youths, 1_000, 2, Duration.ofSeconds(5), "backlog").accepted();
        }
        double seconds = (System.nanoTime() - since) / 1e9;
        System.out.printf("RESULT backlog: %,d events accepted in %.1f s (%,.0f events/s); %s%n", accepted, seconds,
                accepted / seconds, wal.end(accepted, "event"));
        awaitPublished(commandNode);
        return accepted;
    }

    /**
     * From now until the projection has applied every record on the topic now (the accepted events and
     * what they caused, such as assessments), with the reads' latency and who used the cores meanwhile.
     * Since the ninth session the rate is in those records, read from the stored positions
     * ({@link TopicProgress}); before, it was in accepted events, counted in {@code applied_event}.
     */
    private void measureCatchUp(String what, String from, TopicProgress progress, Connection connection,
                                long accepted, long processStartedAt) throws Exception {
        long applied = progress.applied(connection);
        long end = progress.end();
        long since = System.nanoTime();
        CpuShares cpu = CpuShares.begin();
        WalVolume wal = WalVolume.begin(connection);
        StatementTimes statements = StatementTimes.begin(connection);
        reads.set(new TimelineBenchmark.Latencies());
        progress.awaitApplied(connection, end, Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - since) / 1e9;
        String written = wal.end(end - applied, "record");
        String sinceStart = processStartedAt == 0 ? ""
                : String.format(", %.1f s from the start of the process", (System.nanoTime() - processStartedAt) / 1e9);
        System.out.printf("RESULT %s of %,d records (%,d events accepted, and what they caused): %.1f s %s "
                        + "(%,.0f records/s)%s; reads meanwhile p99 %.1f ms%n", what, end - applied, accepted, seconds,
                from, (end - applied) / seconds, sinceStart, reads.get().percentile(99));
        System.out.printf("RESULT   during the %s, %s%n", what, cpu.end(end - applied, "record"));
        System.out.printf("RESULT   %s%n", written);
        statements.print(end - applied, "record");
    }

    /** Waits until the command node reports no events waiting for publication. */
    private void awaitPublished(ServiceProcess commandNode) throws Exception {
        URI scrape = commandNode.baseUri().resolve("/actuator/prometheus");
        for (int quiet = 0; quiet < 2; ) {
            Thread.sleep(5_000);
            String text = http.send(HttpRequest.newBuilder(scrape).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            boolean empty = text.lines().anyMatch(line -> line.startsWith("ketenbus_publication_backlog_events")
                    && line.endsWith(" 0.0"));
            quiet = empty ? quiet + 1 : 0;
        }
    }

    /** The case director reads the probe youths' timelines throughout, at a fixed rate. */
    private Thread startReader(List<String> youths) {
        String director = DevTokens.forTests().mint("gemeente", "bench-director", List.of("casusregisseur"),
                Duration.ofHours(3));
        Thread reader = new Thread(() -> {
            if (READS_PER_SECOND == 0) {
                return;
            }
            long interval = 1_000_000_000L / READS_PER_SECOND;
            long due = System.nanoTime();
            while (reading) {
                java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                long sentAt = due;
                URI page = queryBase.get().resolve("/v1/subjects/" + youths.get(ThreadLocalRandom.current()
                        .nextInt(youths.size())) + "/timeline?purpose=signaaloverleg&size=50");
                http.sendAsync(HttpRequest.newBuilder(page).header("Authorization", "Bearer " + director).build(),
                        HttpResponse.BodyHandlers.discarding()).whenComplete((answer, failure) -> {
                            if (failure != null || answer.statusCode() != 200) {
                                failedReads.incrementAndGet();
                            } else {
                                reads.get().record(System.nanoTime() - sentAt);
                            }
                        });
                due += interval;
            }
        }, "timeline-reader");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /**
     * The probes were seen in the timeline history; the audience entries the timeline API reads are
     * written in the same transaction, so every probe seen must have them.
     */
    private static void verifyAudienceEntries(Connection connection) throws Exception {
        long inTimeline = TimelineBenchmark.count(connection, "select count(*) from timeline_entry "
                + "where data->>'signalId' like 'probe-%'");
        long withEntries = TimelineBenchmark.count(connection, "select count(distinct data->>'signalId') "
                + "from audience_entry where data->>'signalId' like 'probe-%'");
        System.out.printf("%nRESULT probes in the timeline history: %d; with the audience entries the API reads: %d"
                + " (%s)%n", inTimeline, withEntries, inTimeline == withEntries ? "all" : "NOT all");
    }
}
