package nl.ketenbus.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * With {@code -Dreads.log=true}, every read phase's reads as {@code target/bench-reads-N.csv}: when each
 * read was due (milliseconds since the epoch, to the microsecond) and how long it took (µs). With the
 * services' GC and safepoint logs ({@code -Dgc.log=true}, {@link Diagnostics}) and Tomcat's access log
 * they say which of a phase's slow reads waited for a pause, for the node or for neither.
 */
final class ReadLog {

    private static final boolean ON = Boolean.getBoolean("reads.log");
    /** The epoch in nanoseconds minus {@link System#nanoTime()}, taken once: the JVM's clock does not jump. */
    private static final long EPOCH_OFFSET = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    private static final AtomicInteger PHASES = new AtomicInteger();

    private ReadLog() {
    }

    static void write(TimelineBenchmark.Latencies latencies, int rate, int nodes) {
        if (!ON) {
            return;
        }
        Path file = Path.of("target", "bench-reads-" + PHASES.incrementAndGet() + ".csv");
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("# " + rate + " reads/s on " + nodes + " node(s)\ndue_epoch_ms,latency_us\n");
            for (long[] read : latencies.timed()) {
                out.write(String.format("%.3f,%d%n", (read[0] + EPOCH_OFFSET) / 1e6, read[1] / 1_000));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        System.out.println("reads written to " + file.toAbsolutePath());
    }
}
