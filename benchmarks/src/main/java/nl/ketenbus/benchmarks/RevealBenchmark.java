package nl.ketenbus.benchmarks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.devinfra.DevSecrets;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.PartnerEnvelope;
import nl.ketenbus.devinfra.ServiceProcess;
import nl.ketenbus.devinfra.ServiceSettings;
import nl.ketenbus.devinfra.TestBsns;

/**
 * What it costs to say who the youth is (ADR 0014): the case director's timeline of a youth with an
 * open case, read at a fixed rate (second argument, default 200 per second) from a query node that
 * reveals the name through the command side's key-release path, and from a second query node on the
 * same database that reveals nothing (no release path configured), both measured in this run, one
 * after the other. Usage
 * (docs/benchmarks.md): {@code ./mvnw -B -q -DskipTests install && ./mvnw -B -q -pl benchmarks
 * exec:java -Dbenchmark=RevealBenchmark -Dexec.args="60 200"}
 */
public final class RevealBenchmark {

    /**
     * Each node's warm-up at the measured rate ({@code -Dwarmup=seconds}, default 30): on two cores the
     * JIT compilers take a quarter to a third of a service's CPU for its first minutes (docs/benchmarks.md).
     */
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("warmup", 30));

    /**
     * Reads waiting for an answer at most: beyond it a due read is counted as not offered instead of
     * sent, so that an overloaded node gives figures (and the count) rather than connections the load
     * client cannot open.
     */
    private static final int IN_FLIGHT = 128;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) {
        TimelineBenchmark.runThenExit(() -> run(Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 60),
                args.length > 1 ? Integer.parseInt(args[1]) : 200));
    }

    private static void run(Duration phase, int rate) throws Exception {
        ServiceSettings command = ServiceSettings.forTests("benchrc");
        ServiceSettings query = ServiceSettings.forTests("benchrq");
        String topic = command.kafka().freshTopic("ketenbus.events.benchr");
        List<String> commandArguments = new ArrayList<>(command.arguments("ketenbus.publication.topic=" + topic,
                "ketenbus.intake.kafka.enabled=false", "logging.level.root=WARN", LiftedLimits.RATE, LiftedLimits.BURST,
                LiftedLimits.CONCURRENCY));
        commandArguments.addAll(DevSecrets.forTests().commandServiceArguments());
        List<String> jvm = List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC");
        Path logs = Files.createDirectories(Path.of("target"));
        RevealBenchmark bench = new RevealBenchmark();
        try (ServiceProcess commandNode = ServiceProcess.start("command-service",
                Path.of(System.getProperty("ketenbus.command-service.jar")), ServiceProcess.freePort(),
                Diagnostics.jvm(jvm, logs, "bench-reveal-command-service"), commandArguments,
                logs.resolve("bench-reveal-command-service.log"), Duration.ofMinutes(2))) {
            // Both query nodes share the database, the access log and its key file (the first one
            // generates it before the second starts).
            List<String> queryArguments = new ArrayList<>(query.arguments("ketenbus.projection.topic=" + topic,
                    "logging.level.root=WARN", LiftedLimits.RATE, LiftedLimits.BURST,
                LiftedLimits.CONCURRENCY));
            List<String> revealing = new ArrayList<>(queryArguments);
            revealing.addAll(DevSecrets.forTests().queryServiceArguments(commandNode.baseUri()));
            try (ServiceProcess withReveal = ServiceProcess.start("query-service-revealing",
                    Path.of(System.getProperty("ketenbus.query-service.jar")), ServiceProcess.freePort(),
                    Diagnostics.jvm(jvm, logs, "bench-reveal-query-service"), revealing,
                    logs.resolve("bench-reveal-query-service.log"), Duration.ofMinutes(2));
                 ServiceProcess withoutReveal = ServiceProcess.start("query-service-pseudonyms-only",
                         Path.of(System.getProperty("ketenbus.query-service.jar")), ServiceProcess.freePort(), jvm,
                         queryArguments, logs.resolve("bench-reveal-query-service-plain.log"),
                         Duration.ofMinutes(2))) {
                String youth = bench.youthWithAnOpenCase(commandNode.baseUri());
                String director = DevTokens.forTests().mint("gemeente", "bench-director", List.of("casusregisseur"),
                        Duration.ofHours(2));
                String timeline = "/v1/subjects/" + youth + "/timeline?purpose=pga-casusregie";
                URI revealed = withReveal.baseUri().resolve(timeline);
                URI plain = withoutReveal.baseUri().resolve(timeline);
                bench.awaitCase(revealed, director, true);
                bench.awaitCase(plain, director, false);
                bench.read(revealed, director, true, WARM_UP, rate);
                bench.read(plain, director, false, WARM_UP, rate);
                CpuPerRead revealCpu = new CpuPerRead(withReveal, commandNode);
                TimelineBenchmark.Latencies withName = bench.read(revealed, director, true, phase, rate);
                System.out.println("reveal: " + revealCpu.since(withName.count()));
                CpuPerRead plainCpu = new CpuPerRead(withoutReveal, commandNode);
                TimelineBenchmark.Latencies pseudonym = bench.read(plain, director, false, phase, rate);
                System.out.println("pseudonym only: " + plainCpu.since(pseudonym.count()));
                System.out.printf("at %d reads/s: reveal: p50 %.1f ms, p99 %.1f ms over %d reads; pseudonym only: p50 %.1f ms, "
                                + "p99 %.1f ms over %d reads; p99 ratio %.2f (goal <= 1.2)%n",
                        rate, withName.percentile(50), withName.percentile(99), withName.count(),
                        pseudonym.percentile(50), pseudonym.percentile(99), pseudonym.count(),
                        withName.percentile(99) / pseudonym.percentile(99));
            }
        }
    }

    /**
     * The CPU time a phase cost the query node that answered it and the command node, per read: a
     * figure that compares builds even when two cores are saturated and the latencies are queues.
     */
    static final class CpuPerRead {

        private final ServiceProcess query;
        private final ServiceProcess command;
        private final Duration queryAtStart;
        private final Duration commandAtStart;

        CpuPerRead(ServiceProcess query, ServiceProcess command) {
            this.query = query;
            this.command = command;
            this.queryAtStart = query.cpuTime();
            this.commandAtStart = command.cpuTime();
        }

        String since(long reads) {
            return String.format("CPU per read: query node %.2f ms, command node %.2f ms (%d reads)",
                    query.cpuTime().minus(queryAtStart).toNanos() / 1e6 / reads,
                    command.cpuTime().minus(commandAtStart).toNanos() / 1e6 / reads, reads);
        }
    }

    /** Identifies a youth, has two organisations signal (a proposal) and opens a case as case director. */
    private String youthWithAnOpenCase(URI command) throws Exception {
        String youth = identify(command);
        signal(command, youth, "politie", "BEZIT", "MULTIPLE_PHONES");
        signal(command, youth, "jongerenwerk", "LOCATIE", "FOUND_FAR_OUTSIDE_OWN_AREA");
        String director = DevTokens.forTests().mint("gemeente", "bench-director", List.of("casusregisseur"),
                Duration.ofHours(2));
        post(command.resolve("/v1/subjects/" + youth + "/cases"), "{\"caseId\":\"pga-bench\"}", director,
                "application/json");
        return youth;
    }

    /** The police identify a youth named "Bea Benchmark"; answers the youth's pseudonym. */
    String identify(URI command) throws Exception {
        ObjectNode form = PartnerEnvelope.of("nl.ketenbus.subject.identification.v1", PartnerEnvelope.source("politie"),
                null, "2026-01-05T09:00:00+01:00");
        form.putObject("data").put("bsn", TestBsns.random()).put("familyName", "Benchmark")
                .put("givenNames", "Bea").put("dateOfBirth", "2010-05-01");
        return IntakeBenchmark.JSON.readTree(post(command.resolve("/v1/events"), form.toString(),
                DevTokens.forTests().publisher("politie"), "application/cloudevents+json")).get("subject").asText();
    }

    private void signal(URI command, String youth, String organisation, String category, String indicator)
            throws Exception {
        ObjectNode event = PartnerEnvelope.of("nl.ketenbus.signal.raised.v1", PartnerEnvelope.source(organisation),
                youth, PartnerEnvelope.aMinuteAgo());
        event.putObject("data").put("subjectRef", youth).put("signalId", UUID.randomUUID().toString())
                .put("category", category).put("indicator", indicator).put("observedOn", "2026-03-02");
        post(command.resolve("/v1/events"), event.toString(), DevTokens.forTests().publisher(organisation),
                "application/cloudevents+json");
    }

    private String post(URI uri, String body, String token, String contentType) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException(uri + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    /** Waits until the node shows the case director the youth's case (and, revealing, the name). */
    private void awaitCase(URI timeline, String token, boolean named) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode answer = IntakeBenchmark.JSON.readTree(http.send(HttpRequest.newBuilder(timeline)
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
            if (answer.path("totalEntries").asInt() > 0 && named == answer.path("youth").hasNonNull("familyName")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the case director never saw the youth's case at " + timeline);
    }

    /**
     * Reads the timeline at the fixed rate. No answer of the node without a release path may name the
     * youth (that would be a leak: the run stops); an answer of the revealing node without the name is
     * the read's fallback when the reveal took longer than its patience (the pseudonym, not a failed
     * read), and is counted.
     */
    private TimelineBenchmark.Latencies read(URI timeline, String token, boolean named, Duration duration,
                                             int rate) {
        TimelineBenchmark.Latencies latencies = new TimelineBenchmark.Latencies();
        AtomicInteger unnamed = new AtomicInteger();
        AtomicInteger notOffered = new AtomicInteger();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        TimelineBenchmark.pace(duration, rate, due -> {
            if (!inFlight.tryAcquire()) {
                notOffered.incrementAndGet();
                return;
            }
            pending.add(TimelineBenchmark.get(http, HttpRequest.newBuilder(timeline)
                            .header("Authorization", "Bearer " + token).build())
                    .whenComplete((response, failure) -> inFlight.release())
                    .thenAccept(response -> {
                        latencies.record(System.nanoTime() - due);
                        boolean showsName = response.body().contains("\"Benchmark\"");
                        if (response.statusCode() != 200 || showsName && !named) {
                            throw new IllegalStateException("timeline answered " + response.statusCode()
                                    + (showsName ? " with the name, from a node that has no release path" : ""));
                        }
                        if (!showsName) {
                            unnamed.incrementAndGet();
                        }
                    }));
        });
        pending.forEach(CompletableFuture::join);
        if (named) {
            System.out.printf("reveal at %d/s: %d of %d answers without the name (the reveal's patience ran out)%n",
                    rate, unnamed.get(), latencies.count());
        }
        if (notOffered.get() > 0) {
            System.out.printf("at %d/s, %s: %d reads not offered (%d were waiting for an answer)%n", rate,
                    named ? "reveal" : "pseudonym only", notOffered.get(), IN_FLIGHT);
        }
        return latencies;
    }
}
