package nl.ketenbus.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An open-loop load: a batch of signals every {@value #TICK_MILLIS} ms, whatever the answers do, so
 * that a slow backbone shows as lag instead of as a lower offered rate. At most {@value #IN_FLIGHT}
 * batches wait for their answer at once; a batch that would exceed that is not sent and counted as
 * not offered, so the harness itself cannot run out of memory.
 */
final class OfferedLoad {

    static final int TICK_MILLIS = 25;
    private static final int IN_FLIGHT = 64;

    /**
     * What one run offered and what the backbone accepted; the batches that failed by what answered them
     * (the HTTP status, or the client's exception), since a 503 (intake busy) and a 500 say different things.
     */
    record Outcome(long offered, long accepted, long notOffered, Map<String, Long> failures, double seconds) {

        double acceptedPerSecond() {
            return accepted / seconds;
        }

        long failedBatches() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public String toString() {
            return String.format("offered %,d, accepted %,d (%,.0f/s), not offered %,d, failed batches %d%s", offered,
                    accepted, acceptedPerSecond(), notOffered, failedBatches(),
                    failures.isEmpty() ? "" : " " + new TreeMap<>(failures));
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI events;
    private final String token;
    private final List<String> youths;

    OfferedLoad(URI events, String token, List<String> youths) {
        this.events = events;
        this.token = token;
        this.youths = youths;
    }

    /** Offers {@code rate} signals per second for {@code duration}; {@code everyTick} runs at each tick. */
    Outcome offer(int rate, Duration duration, Runnable everyTick) throws InterruptedException {
        int perTick = Math.max(1, rate * TICK_MILLIS / 1000);
        long ticks = duration.toMillis() / TICK_MILLIS;
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicLong accepted = new AtomicLong();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        long notOffered = 0;
        long start = System.nanoTime();
        for (long tick = 0; tick < ticks; tick++) {
            LockSupport.parkNanos(start + tick * TICK_MILLIS * 1_000_000L - System.nanoTime());
            everyTick.run();
            if (!inFlight.tryAcquire()) {
                notOffered += perTick;
                continue;
            }
            http.sendAsync(HttpRequest.newBuilder(events).header("Content-Type", "application/cloudevents-batch+json")
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    IntakeBenchmark.signals(youths, perTick).toString())).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((answer, failure) -> {
                        inFlight.release();
                        if (failure != null || answer.statusCode() != 200) {
                            failures.merge(failure != null ? failure.getClass().getSimpleName()
                                    : String.valueOf(answer.statusCode()), 1L, Long::sum);
                        } else {
                            accepted.addAndGet(acceptedIn(answer.body()));
                        }
                    });
        }
        inFlight.acquire(IN_FLIGHT);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(ticks * perTick, accepted.get(), notOffered, Map.copyOf(failures), seconds);
    }

    private static long acceptedIn(String body) {
        try {
            JsonNode answer = IntakeBenchmark.JSON.readTree(body);
            return answer.get("accepted").asLong();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
