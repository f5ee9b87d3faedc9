package nl.ketenbus.command.eventstore;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the store's positions are settled: below which no transaction can still fill a position
 * that holds no event (ADR 0021 item 27). The store's reader reads past an empty position only when
 * it is settled; Axon's reader guessed instead, giving a position up once 10,000 later ones were
 * read or a minute had passed, and an event committed there afterwards was never published.
 *
 * <p>Every transaction that writes to the store holds the writers' lock, shared, from before its
 * first event takes a position until it ends (Flyway V20, a statement trigger, so every writer does).
 * An observation reads the highest position stored and then which transactions hold the lock. A
 * transaction that took a lower position took the lock before it, before that highest one was
 * committed, so it is among those holders or has ended. Once none of those holders holds the lock any
 * more, every position up to the observed one is either committed, and read by any read that starts
 * after, or never will be.
 *
 * <p>An observation is made only when readers have stopped before the same empty position for
 * {@code askInterval}, and asked about again at most once per interval: a reader that waits for a
 * commit in flight reads on when it commits (mostly within milliseconds, without a question), and the
 * settling matters only for a transaction that rolled back or is held up. Observing at every stop
 * would read the lock table many times a second under load, for gaps that fill by themselves. A
 * writer that holds the lock for longer than {@code warnAfter} (a node paused between writing and
 * committing, a transaction left open) holds up the publication of everything after its positions:
 * that is logged, with the backends, and shown by {@link #waitingSeconds()}.
 */
final class SettledPositions {

    private static final Logger log = LoggerFactory.getLogger(SettledPositions.class);

    /** What the store's writers answer: the highest position and who holds the writers' lock. */
    interface Writers {

        /** The highest stored position, read before the holders of the writers' lock are. */
        Observation observe();

        /** Which of the given transactions (virtual transaction ids) still hold the writers' lock. */
        Map<String, Integer> stillWriting(Set<String> transactions);
    }

    /** The highest stored position and the transactions (with their backends' pids) writing then. */
    record Observation(long highest, Map<String, Integer> writers) {
    }

    private final Writers writers;
    private final LongSupplier nanoTime;
    private final long askIntervalNanos;
    private final long warnAfterNanos;

    private long settled;
    private Observation pending;
    private long pendingSince;
    private long stoppedAt = -1;
    private long stoppedSince;
    private long lastAsked;
    private long lastWarned;

    SettledPositions(Writers writers, Duration askInterval, Duration warnAfter, LongSupplier nanoTime) {
        this.writers = writers;
        this.nanoTime = nanoTime;
        this.askIntervalNanos = askInterval.toNanos();
        this.warnAfterNanos = warnAfter.toNanos();
    }

    /**
     * The highest settled position, after asking whether a pending observation has settled (at most
     * once per interval). A read that passes an empty position must ask before its query of the store,
     * so that the query sees what the transactions asked about committed.
     */
    synchronized long settled() {
        if (pending != null && nanoTime.getAsLong() - lastAsked >= askIntervalNanos) {
            ask();
        }
        return settled;
    }

    /**
     * A read stopped before {@code emptyPosition}, above {@link #settled()}: once reads have stopped
     * there for the interval, observe the store, unless an observation is pending. True when that
     * settled more positions at once (no writer held the lock): the read may read again.
     */
    synchronized boolean stoppedAtGap(long emptyPosition) {
        long now = nanoTime.getAsLong();
        if (emptyPosition != stoppedAt) {
            stoppedAt = emptyPosition;
            stoppedSince = now;
            return false;
        }
        if (pending != null || now - stoppedSince < askIntervalNanos) {
            return false;
        }
        Observation observed = writers.observe();
        lastAsked = now;
        stoppedAt = -1;
        if (observed.writers().isEmpty()) {
            return settle(observed.highest());
        }
        pending = observed;
        pendingSince = now;
        return false;
    }

    /** How long the reader has been waiting for writers to end (0 when it waits for none). */
    synchronized double waitingSeconds() {
        return pending == null ? 0 : (nanoTime.getAsLong() - pendingSince) / 1e9;
    }

    private void ask() {
        long now = nanoTime.getAsLong();
        lastAsked = now;
        Map<String, Integer> still = writers.stillWriting(pending.writers().keySet());
        if (still.isEmpty()) {
            settle(pending.highest());
            pending = null;
            return;
        }
        if (now - pendingSince >= warnAfterNanos && now - lastWarned >= warnAfterNanos) {
            lastWarned = now;
            log.warn("The event store's reader has waited {} s for {} transaction(s) writing to the store that "
                            + "have not ended (backend pids {}): no event after an empty position above {} is "
                            + "published until they commit or roll back", Math.round((now - pendingSince) / 1e9),
                    still.size(), still.values(), settled);
        }
    }

    private boolean settle(long highest) {
        if (highest <= settled) {
            return false;
        }
        settled = highest;
        return true;
    }
}
