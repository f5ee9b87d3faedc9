package nl.ketenbus.query.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

import nl.ketenbus.security.WaitedOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer thread that commits what many callers hand it, together: each caller waits until its
 * items are committed (or hears why not), and whatever arrived meanwhile shares the next commit.
 * So a chain that must be extended one transaction at a time (the access log's head) takes one
 * transaction for many readers instead of one each. A batch that fails is written again item by
 * item, so that one caller's failure is not another's. A caller that gives up before its items were
 * taken withdraws them: nothing is written for a caller that was told it was not.
 *
 * @param <T> what is committed
 */
final class GroupCommit<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int WAITING = 0;
    private static final int TAKEN = 1;
    private static final int WITHDRAWN = 2;
    /** How long a caller waits for a batch already being written, beyond its own timeout. */
    private static final Duration WRITING = Duration.ofSeconds(10);

    /** One caller's items, its state and its outcome. */
    private static final class Pending<T> {
        private final List<T> items;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Pending(List<T> items) {
            this.items = items;
        }
    }

    private final BlockingQueue<Pending<T>> queue;
    private final Consumer<List<T>> commit;
    private final Predicate<RuntimeException> worthRetryingAlone;
    private final int maxItems;
    private final Thread writer;
    private volatile boolean running = true;

    /**
     * @param commit             commits the items in one transaction, or throws
     * @param worthRetryingAlone whether a failed batch is committed again caller by caller: not when
     *                           the database is away, which would fail each of them in turn, slowly
     * @param capacity           callers that may wait at once before a caller is refused at once
     * @param maxItems           most items in one commit (a caller's items are never split; one
     *                           caller with more is committed alone)
     */
    GroupCommit(String name, Consumer<List<T>> commit, Predicate<RuntimeException> worthRetryingAlone, int capacity,
                int maxItems) {
        this.commit = commit;
        this.worthRetryingAlone = worthRetryingAlone;
        this.maxItems = maxItems;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::write, name);
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Returns once the items are committed; throws the commit's failure, or {@link TimeoutException}
     * when they were not taken within {@code timeout} (then they are never written) or the queue is full.
     */
    void submit(List<T> items, Duration timeout) throws TimeoutException {
        Pending<T> pending = new Pending<>(items);
        if (!running || !queue.offer(pending)) {
            throw new TimeoutException("the writer is not taking more");
        }
        try {
            pending.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            if (pending.state.compareAndSet(WAITING, WITHDRAWN)) {
                throw late;
            }
            // Taken already: its outcome comes with the batch being written.
            await(pending, WRITING);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.state.compareAndSet(WAITING, WITHDRAWN);
            throw new IllegalStateException("interrupted while the access log was written", e);
        } catch (ExecutionException failed) {
            throw unwrapped(failed);
        }
    }

    /** Callers whose items wait to be taken. */
    int waiting() {
        return queue.size();
    }

    private static void await(Pending<?> pending, Duration timeout) throws TimeoutException {
        try {
            pending.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the access log was written", e);
        } catch (ExecutionException failed) {
            throw unwrapped(failed);
        }
    }

    private static RuntimeException unwrapped(ExecutionException failed) {
        return failed.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(failed);
    }

    private void write() {
        // Readers wait on this thread: its statements have their bound, not the pool's longer backstop.
        WaitedOn.markThisThread();
        while (running || !queue.isEmpty()) {
            List<Pending<T>> batch = new ArrayList<>();
            try {
                Pending<T> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int items = first.items.size();
                // This thread alone takes from the queue, so what it peeks at is what it polls.
                for (Pending<T> next = queue.peek(); next != null && items + next.items.size() <= maxItems;
                     next = queue.peek()) {
                    batch.add(queue.poll());
                    items += next.items.size();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            batch.removeIf(pending -> !pending.state.compareAndSet(WAITING, TAKEN));
            try {
                if (!batch.isEmpty()) {
                    commit(batch);
                }
            } catch (Error fatal) {
                // The writer must outlive it: every later caller would otherwise wait in vain.
                log.error("The group commit failed fatally: {}", fatal.getClass().getName());
                batch.forEach(pending -> pending.done.completeExceptionally(new IllegalStateException(fatal)));
            }
        }
    }

    private void commit(List<Pending<T>> batch) {
        try {
            List<T> items = new ArrayList<>();
            batch.forEach(pending -> items.addAll(pending.items));
            commit.accept(items);
            batch.forEach(pending -> pending.done.complete(null));
        } catch (RuntimeException failure) {
            if (batch.size() == 1 || !worthRetryingAlone.test(failure)) {
                batch.forEach(pending -> pending.done.completeExceptionally(failure));
                return;
            }
            log.warn("A group commit of {} failed ({}); committing each alone", batch.size(),
                    failure.getClass().getSimpleName());
            for (Pending<T> pending : batch) {
                commit(List.of(pending));
            }
        }
    }

    /** Commits what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
