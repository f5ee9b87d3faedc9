package nl.ketenbus.importtool;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the import has done, counted as chunks are answered, and shown on the terminal: a bar redrawn
 * in place when there is a console, otherwise a line now and then (a log). The rate counts only the
 * events sent in this run, so a resumed import shows its own speed.
 */
final class Progress {

    private static final int BAR = 30;

    private final long events;
    private final int chunks;
    private final AtomicLong eventsDone = new AtomicLong();
    private final AtomicLong chunksDone = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong sentNow = new AtomicLong();
    private final long startNanos = System.nanoTime();

    Progress(long events, int chunks) {
        this.events = events;
        this.chunks = chunks;
    }

    /** A chunk decided before this run (its answer kept beside the file). */
    void decidedBefore(int chunkEvents, int chunkRefused) {
        eventsDone.addAndGet(chunkEvents);
        chunksDone.incrementAndGet();
        refused.addAndGet(chunkRefused);
    }

    /** A chunk answered in this run. */
    void answered(int chunkEvents, int chunkRefused) {
        decidedBefore(chunkEvents, chunkRefused);
        sentNow.addAndGet(chunkEvents);
    }

    long refused() {
        return refused.get();
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Events per second sent in this run. */
    double rate() {
        double seconds = Math.max(0.001, (System.nanoTime() - startNanos) / 1e9);
        return sentNow.get() / seconds;
    }

    String line() {
        return render(eventsDone.get(), events, chunksDone.get(), chunks, rate(), refused.get());
    }

    static String render(long done, long total, long chunksDone, int chunks, double rate, long refused) {
        int filled = (int) (BAR * done / Math.max(1, total));
        String eta = rate < 1 ? "--:--" : clock(Duration.ofSeconds((long) ((total - done) / rate)));
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %,d/%,d events  chunk %,d/%,d  %,.0f events/s  ETA %s"
                        + "  refused %,d", "#".repeat(filled), "-".repeat(BAR - filled), 100 * done / Math.max(1, total),
                done, total, chunksDone, chunks, rate, eta, refused);
    }

    static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** Shows the progress until stopped: in place on a console, a line every ten seconds otherwise. */
    Thread show(PrintStream out, boolean console) {
        Thread shower = new Thread(() -> {
            try {
                while (true) {
                    if (console) {
                        out.print("\r" + line());
                    } else {
                        out.println(line());
                    }
                    out.flush();
                    Thread.sleep(console ? 250 : 10_000);
                }
            } catch (InterruptedException stopped) {
                out.print(console ? "\r" + line() + "\n" : line() + "\n");
                out.flush();
            }
        }, "import-progress");
        shower.setDaemon(true);
        shower.start();
        return shower;
    }
}
