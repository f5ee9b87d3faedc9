package nl.ketenbus.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The lag a case director feels: a probe is one signal sent on its own (structured mode) for one of
 * a set of probe youths, stamped just before the request leaves; it is seen when the transaction that
 * writes it into {@code timeline_entry} commits. The projection writes the audience entries the
 * timeline API shows in the same transaction, so both become visible at that commit (the benchmark
 * checks afterwards that every probe has its audience entries).
 * <p>
 * The harness learns of the commit from PostgreSQL itself: it adds to the query side's schema a
 * trigger that sends a notification with the probe's signal id for each probe row written, and
 * PostgreSQL delivers notifications when the writing transaction commits. A watcher that polled the
 * table every millisecond instead (until 2026-12-03) ran back to back while probes waited: 200
 * reads a second at 0.6 ms, about a tenth of PostgreSQL's statement time in a phase at 2,000 events
 * a second (pg_stat_statements), taken from the pipeline it measured. The trigger fires for every row
 * but calls the function only for probes: its condition compares the row's youth first.
 */
final class Probes implements AutoCloseable {

    /** One probe's lag: when it was sent (seconds into the phase) and how long until it was seen. */
    record Lag(double sentAtSecond, double millis) {
    }

    /** The notification channel of the harness's trigger. */
    private static final String CHANNEL = "bench_probe_seen";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI events;
    private final String token;
    private final List<String> youths;
    private final Connection query;
    private final Map<String, Long> outstanding = new ConcurrentHashMap<>();
    private final List<Lag> lags = new ArrayList<>();
    /** Probes not accepted, by the answer's status (0: no answer). */
    private final Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final Thread watcher;
    private volatile long phaseStart = System.nanoTime();
    private volatile boolean running = true;

    /**
     * {@code query}: a connection to the query side's schema (after its migrations) for the watcher
     * alone: it listens there for the trigger's notifications.
     */
    Probes(URI events, String token, List<String> youths, Connection query) throws SQLException {
        this.events = events;
        this.token = token;
        this.youths = youths;
        this.query = query;
        installTrigger(query, youths);
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
        outstanding.put(signalId, System.nanoTime());
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

    /**
     * The trigger that tells the watcher of each probe row: only rows of a probe youth call the
     * function (the condition compares the youth's reference first, then the probe's id prefix).
     */
    private static void installTrigger(Connection query, List<String> youths) throws SQLException {
        String quoted = youths.stream().map(youth -> "'" + youth.replace("'", "''") + "'")
                .collect(Collectors.joining(","));
        try (var ddl = query.createStatement()) {
            ddl.execute("create or replace function bench_probe_seen() returns trigger language plpgsql as $$ "
                    + "begin perform pg_notify('" + CHANNEL + "', new.data->>'signalId'); return null; end $$");
            ddl.execute("drop trigger if exists bench_probe_seen on timeline_entry");
            ddl.execute("create trigger bench_probe_seen after insert on timeline_entry for each row when "
                    + "(new.subject_ref in (" + quoted + ") and new.event_type = 'nl.ketenbus.signal.raised.v1' "
                    + "and (new.data->>'signalId') like 'probe-%') execute function bench_probe_seen()");
            ddl.execute("listen " + CHANNEL);
        }
        if (!query.getAutoCommit()) {
            query.commit();
        }
    }

    private void watch() {
        try {
            PGConnection notified = query.unwrap(PGConnection.class);
            while (running) {
                PGNotification[] received = notified.getNotifications(100);
                long now = System.nanoTime();
                if (received != null) {
                    for (PGNotification notification : received) {
                        record(notification.getParameter(), now);
                    }
                }
            }
        } catch (SQLException e) {
            if (running) {
                throw new IllegalStateException("the probe watcher cannot hear the query side", e);
            }
        }
    }

    private synchronized void record(String signalId, long now) {
        Long sent = outstanding.remove(signalId);
        if (sent != null && sent >= phaseStart) {
            lags.add(new Lag((sent - phaseStart) / 1e9, (now - sent) / 1e6));
        }
    }

    /**
     * Stops the watcher and removes the trigger, so that what runs afterwards (the catch-up) is
     * measured on the schema as the service made it. Once is enough; a second call does nothing.
     */
    @Override
    public void close() throws InterruptedException, SQLException {
        if (!running) {
            return;
        }
        running = false;
        watcher.join(2_000);
        try (var ddl = query.createStatement()) {
            ddl.execute("unlisten " + CHANNEL);
            ddl.execute("drop trigger if exists bench_probe_seen on timeline_entry");
            ddl.execute("drop function if exists bench_probe_seen()");
        }
        if (!query.getAutoCommit()) {
            query.commit();
        }
    }
}
