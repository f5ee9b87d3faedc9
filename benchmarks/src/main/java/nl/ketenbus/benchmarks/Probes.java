package nl.ketenbus.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The lag a case director feels: a probe is one signal sent on its own (structured mode) for one of
 * a set of probe youths, stamped just before the request leaves; it is seen when a read of the query
 * side's database finds it. The read looks every millisecond for all probes not yet seen, in
 * {@code timeline_entry}; the projection writes the audience entries the timeline API shows in the
 * same transaction, so both become visible at the same commit (the benchmark checks afterwards that
 * every probe has its audience entries).
 * <p>
 * The read goes through the timeline's index by youth, on a connection of its own that forbids
 * sequential scans: this machine's PostgreSQL runs without autovacuum, so the table is never analysed,
 * and without statistics the planner read the whole table for "any of 100 youths", each time: 14-18 ms
 * a read, back to back, 0.15-0.20 of PostgreSQL's 0.65-0.70 cores taken from the pipeline it measures
 * (pg_stat_statements and {@link CpuShares}, 2026-12-02). It takes only rows recorded since the oldest
 * probe not yet seen was sent (the index holds the time recorded, so older rows are passed over in the
 * index).
 */
final class Probes implements AutoCloseable {

    /** One probe's lag: when it was sent (seconds into the phase) and how long until it was seen. */
    record Lag(double sentAtSecond, double millis) {
    }

    private record Sent(String youth, long sentNanos, Instant sentAt) {
    }

    /** Leeway between this clock and the command service's (the same machine here). */
    private static final Duration CLOCKS = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI events;
    private final String token;
    private final List<String> youths;
    private final Connection query;
    private final Map<String, Sent> outstanding = new ConcurrentHashMap<>();
    private final List<Lag> lags = new ArrayList<>();
    /** Probes not accepted, by the answer's status (0: no answer). */
    private final Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final Thread watcher;
    private volatile long phaseStart = System.nanoTime();
    private volatile boolean running = true;

    /** {@code query}: a connection for the watcher alone (it changes the connection's planner settings). */
    Probes(URI events, String token, List<String> youths, Connection query) {
        this.events = events;
        this.token = token;
        this.youths = youths;
        this.query = query;
        this.watcher = new Thread(this::watch, "probe-watcher");
        this.watcher.setDaemon(true);
        this.watcher.start();
    }

    /** Starts a new phase: the lags recorded so far are returned and forgotten. */
    synchronized List<Lag> newPhase() {
        List<Lag> previous = List.copyOf(lags);
        lags.clear();
        phaseStart = System.nanoTime();
        return previous;
    }

    /** Sends one probe; does not wait for the answer. */
    void send() {
        String youth = youths.get(ThreadLocalRandom.current().nextInt(youths.size()));
        String signalId = "probe-" + java.util.UUID.randomUUID();
        ObjectNode event = IntakeBenchmark.envelope("nl.ketenbus.signal.raised.v1").put("subject", youth);
        event.putObject("data").put("subjectRef", youth).put("signalId", signalId).put("category", "BEZIT")
                .put("indicator", "MULTIPLE_PHONES").put("observedOn", "2026-03-14");
        outstanding.put(signalId, new Sent(youth, System.nanoTime(), Instant.now()));
        http.sendAsync(HttpRequest.newBuilder(events).header("Content-Type", "application/cloudevents+json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(event.toString())).build(),
                HttpResponse.BodyHandlers.discarding()).whenComplete((answer, failure) -> {
                    if (failure != null || answer.statusCode() != 202) {
                        outstanding.remove(signalId);
                        refused.computeIfAbsent(failure != null ? 0 : answer.statusCode(),
                                status -> new AtomicInteger()).incrementAndGet();
                    }
                });
    }

    /** Waits until every probe sent was seen (or {@code patience} passed): a slow one counts too. */
    void awaitSeen(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!outstanding.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /**
     * How many probes were not accepted since the last call, and with which status: "0", or e.g.
     * "30 {503=30}" (status 0: no answer).
     */
    synchronized String takeRefused() {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        refused.forEach((status, count) -> counts.put(status, count.getAndSet(0)));
        counts.values().removeIf(count -> count == 0);
        int count = counts.values().stream().mapToInt(Integer::intValue).sum();
        return count == 0 ? "0" : count + " " + counts;
    }

    int outstanding() {
        return outstanding.size();
    }

    private void watch() {
        try (var settings = query.createStatement()) {
            settings.execute("set enable_seqscan = off");
        } catch (SQLException e) {
            throw new IllegalStateException("the probe watcher cannot set up its connection", e);
        }
        try (PreparedStatement seen = query.prepareStatement("select data->>'signalId' from timeline_entry "
                + "where subject_ref = any(?) and recorded_at >= ? and event_type = 'nl.ketenbus.signal.raised.v1' "
                + "and data->>'signalId' = any(?)")) {
            while (running) {
                List<Sent> waiting = List.copyOf(outstanding.values());
                if (waiting.isEmpty()) {
                    Thread.sleep(1);
                    continue;
                }
                seen.setArray(1, query.createArrayOf("text", waiting.stream().map(Sent::youth).distinct().toArray()));
                Instant oldest = waiting.stream().map(Sent::sentAt).min(Instant::compareTo).orElseThrow();
                seen.setObject(2, OffsetDateTime.ofInstant(oldest.minus(CLOCKS), ZoneOffset.UTC));
                seen.setArray(3, query.createArrayOf("text", outstanding.keySet().toArray()));
                try (ResultSet rows = seen.executeQuery()) {
                    long now = System.nanoTime();
                    while (rows.next()) {
                        record(rows.getString(1), now);
                    }
                }
                Thread.sleep(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the probe watcher cannot read the query side", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void record(String signalId, long now) {
        Sent sent = outstanding.remove(signalId);
        if (sent != null && sent.sentNanos() >= phaseStart) {
            lags.add(new Lag((sent.sentNanos() - phaseStart) / 1e9, (now - sent.sentNanos()) / 1e6));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        watcher.join(2_000);
    }
}
