package nl.ketenbus.benchmarks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.devinfra.DevSecrets;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.PartnerEnvelope;
import nl.ketenbus.devinfra.ServiceProcess;
import nl.ketenbus.devinfra.ServiceSettings;
import nl.ketenbus.devinfra.TestBsns;

/**
 * Erasing a youth with 500 events (ADR 0015), through both services as processes: the second privacy
 * officer's confirmation until its answer (keys destroyed, the fact recorded; the first officer's request,
 * which only records it, is sent before the clock starts), and until the query side
 * holds nothing of the youth any more. The baseline of the same run is the case director's read of
 * one page of such a youth's timeline. Usage (docs/benchmarks.md): {@code ./mvnw -B -q -DskipTests
 * install && ./mvnw -B -q -pl benchmarks exec:java -Dbenchmark=ErasureBenchmark -Dexec.args="20"}
 */
public final class ErasureBenchmark {

    private static final int EVENTS_PER_YOUTH = 500;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ErasureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int youths = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        ServiceSettings command = ServiceSettings.forTests("benchec");
        ServiceSettings query = ServiceSettings.forTests("bencheq");
        String topic = command.kafka().freshTopic("ketenbus.events.benche");
        List<String> commandArguments = new ArrayList<>(command.arguments("ketenbus.publication.topic=" + topic,
                "ketenbus.intake.kafka.enabled=false", "logging.level.root=WARN", LiftedLimits.RATE, LiftedLimits.BURST,
                LiftedLimits.CONCURRENCY));
        commandArguments.addAll(DevSecrets.forTests().commandServiceArguments());
        List<String> jvm = List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC");
        Path logs = Files.createDirectories(Path.of("target"));
        ErasureBenchmark bench = new ErasureBenchmark();
        try (ServiceProcess commandNode = ServiceProcess.start("command-service",
                Path.of(System.getProperty("ketenbus.command-service.jar")), ServiceProcess.freePort(), jvm,
                commandArguments, logs.resolve("bench-erasure-command-service.log"), Duration.ofMinutes(2))) {
            List<String> queryArguments = new ArrayList<>(query.arguments("ketenbus.projection.topic=" + topic,
                    "logging.level.root=WARN", LiftedLimits.RATE, LiftedLimits.BURST,
                LiftedLimits.CONCURRENCY));
            queryArguments.addAll(DevSecrets.forTests().queryServiceArguments(commandNode.baseUri()));
            try (ServiceProcess queryNode = ServiceProcess.start("query-service",
                    Path.of(System.getProperty("ketenbus.query-service.jar")), ServiceProcess.freePort(), jvm,
                    queryArguments, logs.resolve("bench-erasure-query-service.log"), Duration.ofMinutes(2));
                 Connection connection = query.postgres().connect(query.schema())) {
                List<String> refs = new ArrayList<>();
                for (int youth = 0; youth < youths; youth++) {
                    refs.add(bench.youthWithHistory(commandNode.baseUri()));
                }
                for (String ref : refs) {
                    awaitEntries(connection, ref, EVENTS_PER_YOUTH, Duration.ofMinutes(5));
                }
                DevTokens tokens = DevTokens.forTests();
                String director = tokens.mint("gemeente", "bench-director", List.of("casusregisseur"),
                        Duration.ofHours(1));
                String officer = tokens.mint("gemeente", "bench-privacy-officer", List.of("privacy-officer"),
                        Duration.ofHours(1));
                String secondOfficer = tokens.mint("gemeente", "bench-privacy-officer-2", List.of("privacy-officer"),
                        Duration.ofHours(1));
                TimelineBenchmark.Latencies reads = new TimelineBenchmark.Latencies();
                for (int round = 0; round < 3; round++) {
                    for (String ref : refs) {
                        long started = System.nanoTime();
                        bench.send(queryNode.baseUri().resolve("/v1/subjects/" + ref
                                + "/timeline?purpose=signaaloverleg&size=50"), "GET", null, director, 200);
                        if (round > 0) {
                            reads.record(System.nanoTime() - started);
                        }
                    }
                }
                TimelineBenchmark.Latencies answered = new TimelineBenchmark.Latencies();
                TimelineBenchmark.Latencies cleared = new TimelineBenchmark.Latencies();
                for (String ref : refs) {
                    URI erasure = queryNode.baseUri().resolve("/v1/subjects/" + ref + "/erasure");
                    bench.send(erasure, "POST", "{\"ground\":\"NO_LONGER_NECESSARY\"}", officer, 202);
                    long started = System.nanoTime();
                    bench.send(erasure, "POST", "{\"ground\":\"NO_LONGER_NECESSARY\"}", secondOfficer, 200);
                    answered.record(System.nanoTime() - started);
                    awaitEntries(connection, ref, 0, Duration.ofMinutes(1));
                    cleared.record(System.nanoTime() - started);
                }
                System.out.printf("%nRESULT erasure of a youth with %d events, %d youths: answered p50 %.0f ms, "
                                + "p99 %.0f ms; read models clear p50 %.0f ms, p99 %.0f ms; baseline timeline read "
                                + "(one page of such a youth) p50 %.1f ms, p99 %.1f ms%n", EVENTS_PER_YOUTH, youths,
                        answered.percentile(50), answered.percentile(99), cleared.percentile(50),
                        cleared.percentile(99), reads.percentile(50), reads.percentile(99));
            }
        }
        System.exit(0);
    }

    /** Identifies a youth and has the police signal 499 times (one batch): 500 events. */
    private String youthWithHistory(URI command) throws Exception {
        ObjectNode form = PartnerEnvelope.of("nl.ketenbus.subject.identification.v1",
                PartnerEnvelope.source("politie"), null, "2026-01-05T09:00:00+01:00");
        form.putObject("data").put("bsn", TestBsns.random()).put("familyName", "Benchmark")
                .put("dateOfBirth", "2010-05-01");
        String publisher = DevTokens.forTests().publisher("politie");
        String youth = IntakeBenchmark.JSON.readTree(send(command.resolve("/v1/events"), "POST", form.toString(),
                publisher, 202, "application/cloudevents+json")).get("subject").asText();
        ArrayNode batch = IntakeBenchmark.JSON.createArrayNode();
        for (int event = 1; event < EVENTS_PER_YOUTH; event++) {
            ObjectNode signal = PartnerEnvelope.of("nl.ketenbus.signal.raised.v1", PartnerEnvelope.source("politie"),
                    youth, PartnerEnvelope.aMinuteAgo());
            signal.putObject("data").put("subjectRef", youth).put("signalId", UUID.randomUUID().toString())
                    .put("category", "BEZIT").put("indicator", "MULTIPLE_PHONES").put("observedOn", "2026-03-02");
            batch.add(signal);
        }
        send(command.resolve("/v1/events"), "POST", batch.toString(), publisher, 200,
                "application/cloudevents-batch+json");
        return youth;
    }

    /** Waits until the query side's history holds exactly {@code entries} of the youth's events. */
    static void awaitEntries(Connection connection, String youth, int entries, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        try (PreparedStatement count = connection.prepareStatement(
                "select count(*) from timeline_entry where subject_ref = ?")) {
            count.setString(1, youth);
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == entries) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException("the query side never held " + entries + " entries of " + youth);
    }

    private String send(URI uri, String method, String body, String token, int expected) throws Exception {
        return send(uri, method, body, token, expected, "application/json");
    }

    private String send(URI uri, String method, String body, String token, int expected, String contentType)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(uri + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }
}
