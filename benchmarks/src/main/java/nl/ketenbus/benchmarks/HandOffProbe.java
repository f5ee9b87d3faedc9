package nl.ketenbus.benchmarks;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * What handing work from one JVM thread to another and back costs on this machine at a read's pace: a
 * thread that parks between due moments hands a token to a second, parked thread through a queue and
 * waits for it to come back, as a request thread hands its access record to the log's writer thread
 * and waits for the commit. No database, no network: the two wake-ups alone. Usage
 * (docs/benchmarks.md): {@code ./mvnw -B -q -pl benchmarks exec:java -Dbenchmark=HandOffProbe
 * -Dexec.args="200 15"} (hand-offs a second, seconds).
 */
public final class HandOffProbe {

    private HandOffProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        BlockingQueue<Long> there = new ArrayBlockingQueue<>(1);
        BlockingQueue<Long> back = new ArrayBlockingQueue<>(1);
        Thread echo = new Thread(() -> {
            try {
                while (true) {
                    back.put(there.take());
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "hand-off-echo");
        echo.setDaemon(true);
        echo.start();
        long interval = 1_000_000_000L / rate;
        long[] nanos = new long[rate * seconds];
        long due = System.nanoTime();
        for (int i = 0; i < nanos.length; i++) {
            due += interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long sent = System.nanoTime();
            there.put(sent);
            back.take();
            nanos[i] = System.nanoTime() - sent;
        }
        Arrays.sort(nanos);
        int n = nanos.length;
        System.out.printf("RESULT hand-off and back between two threads at %d/s: p50 %.0f µs, p90 %.0f µs, "
                + "p99 %.0f µs, max %.0f µs (%d hand-offs)%n", rate, nanos[n / 2] / 1e3, nanos[n * 9 / 10] / 1e3,
                nanos[n * 99 / 100] / 1e3, nanos[n - 1] / 1e3, n);
    }
}
