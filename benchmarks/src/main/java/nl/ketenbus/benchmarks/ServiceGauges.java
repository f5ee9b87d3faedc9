package nl.ketenbus.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A service's garbage collection and heap, from its Prometheus scrape (open to anyone, it holds no
 * personal data): collection time and major collections between two scrapes, and the highest
 * old-generation occupancy seen, sampled every second; with {@link #watching} also the highest value
 * of one of the service's own queue gauges (what waits in it: which stage of a pipeline queues), and
 * with {@link #countingYouthsRead} how many youths a command node read from its store in the phase and
 * how many its cache let go (a cache too small for what its youths hold reads them again whole).
 */
final class ServiceGauges implements AutoCloseable {

    /** What one phase cost a service's heap. */
    record Heap(String service, double gcSeconds, long majorCollections, double phaseSeconds, long oldMaxUsed,
                long oldCapacity, double allocatedBytes, String queue, double queueMax, String counted) {

        double gcShare() {
            return gcSeconds / phaseSeconds;
        }

        @Override
        public String toString() {
            String heap = String.format("%s: GC %.1f %% of the time (%.2f s), %d full collections, old generation at "
                            + "most %d of %d MiB, %,.0f MiB allocated", service, 100 * gcShare(), gcSeconds,
                    majorCollections, oldMaxUsed >> 20, oldCapacity >> 20, allocatedBytes / (1 << 20));
            String queued = queue == null ? heap : String.format("%s; %s at most %,.0f", heap, queue, queueMax);
            return counted.isEmpty() ? queued : queued + "; " + counted;
        }
    }

    /** Bytes the service allocated in its young generation (Micrometer's JVM GC metrics). */
    private static final String ALLOCATED = "jvm_gc_memory_allocated_bytes_total";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String service;
    private final URI scrape;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private volatile long oldMaxUsed;
    /** A gauge of the service's own queue, sampled with the old generation ({@link #watching}). */
    private volatile String queue;
    private volatile double queueMax;
    private volatile long queueStaleNanos;
    private double gcAtStart;
    private double majorAtStart;
    private double allocatedAtStart;
    private volatile long startNanos;
    /** Counters whose increase in a phase is reported: the start of their scrape lines, and what they count. */
    private final Map<String, String> counted = new LinkedHashMap<>();
    private final Map<String, Double> countedAtStart = new HashMap<>();

    ServiceGauges(String service, URI baseUri) {
        this.service = service;
        this.scrape = baseUri.resolve("/actuator/prometheus");
        sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Samples the gauge {@code metric} (a Prometheus name, e.g. {@code ketenbus_projection_lag}) as
     * well, and reports its highest value in each phase. The service measures it every
     * {@code refreshedEvery}: samples taken sooner after a phase begins may still show the phase before.
     */
    ServiceGauges watching(String metric, Duration refreshedEvery) {
        this.queueStaleNanos = refreshedEvery.toNanos();
        this.queue = metric;
        return this;
    }

    /** Reports the youths the command node read from its store and those its cache let go, in each phase. */
    ServiceGauges countingYouthsRead() {
        counted.put("ketenbus_subjects_loaded_total{", "youths read from the store");
        counted.put("ketenbus_subjects_let_go_total", "let go by the cache's bounds");
        return this;
    }

    /** Starts a phase. */
    synchronized void begin() throws IOException, InterruptedException {
        String text = scrape();
        gcAtStart = sum(text, "jvm_gc_pause_seconds_sum{", "");
        majorAtStart = sum(text, "jvm_gc_pause_seconds_count{", "major");
        allocatedAtStart = sum(text, ALLOCATED, "");
        counted.keySet().forEach(line -> countedAtStart.put(line, sum(text, line, "")));
        oldMaxUsed = 0;
        queueMax = 0;
        startNanos = System.nanoTime();
    }

    /** Ends the phase begun last. */
    synchronized Heap end() throws IOException, InterruptedException {
        String text = scrape();
        return new Heap(service, sum(text, "jvm_gc_pause_seconds_sum{", "") - gcAtStart,
                (long) (sum(text, "jvm_gc_pause_seconds_count{", "major") - majorAtStart),
                (System.nanoTime() - startNanos) / 1e9, oldMaxUsed,
                (long) sum(text, "jvm_memory_max_bytes{", "Old Gen"), sum(text, ALLOCATED, "") - allocatedAtStart,
                queue, queueMax, counted.entrySet().stream().map(count -> String.format("%s %,.0f", count.getValue(),
                        sum(text, count.getKey(), "") - countedAtStart.getOrDefault(count.getKey(), 0.0)))
                        .collect(Collectors.joining(", ")));
    }

    private void sample() {
        try {
            String text = scrape();
            oldMaxUsed = Math.max(oldMaxUsed, (long) sum(text, "jvm_memory_used_bytes{", "Old Gen"));
            if (queue != null && System.nanoTime() - startNanos > queueStaleNanos) {
                queueMax = Math.max(queueMax, sum(text, queue + " ", "") + sum(text, queue + "{", ""));
            }
        } catch (IOException | RuntimeException e) {
            // A missed sample (the service is being restarted) leaves the maximum as it was.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String scrape() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(scrape).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The sum of the values of the lines starting with {@code metric} that contain {@code label}. */
    private static double sum(String scrape, String metric, String label) {
        double total = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(metric) && line.contains(label)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
