package nl.ketenbus.command.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

import nl.ketenbus.command.security.Caller;
import nl.ketenbus.security.DependencyFailures;
import nl.ketenbus.security.WaitedOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Writers for the event store, one thread per lane, each subject always in the same lane. A lane
 * takes whatever is queued (up to a group size) and decides it in one transaction, so a youth's
 * events are decided strictly in arrival order by one writer (no two transactions race for the same
 * stream position) and many events share one commit, whichever request or channel brought them.
 * A submission's future completes only after its group's transaction committed.
 *
 * <p>A lane admits an event only while its queue is short in time as well as in number: when the
 * oldest event waiting in it has waited longer than the allowed wait, new events are refused at once
 * (503, retry later); a request already admitted to the lane still brings its own further events
 * ({@link InOrder}). Under an overload a deep queue answers nobody sooner; every queued request holds
 * its parsed events until its answer, and ones that wait for seconds outlive the young generation
 * and fill the old one (in the 5-minute run at 8,000 events/s a 512 MB node spent a quarter of its
 * time collecting; docs/benchmarks.md, issue 21). Refusing early keeps the node's memory to what it
 * can decide in that time.
 */
final class IntakeLanes implements AutoCloseable {

    /** One event waiting for its lane; {@code request} keeps its youth's order within a request (or null). */
    record Submission(PartnerEvent event, Caller caller, String channel, String traceparent,
                      CompletableFuture<EventIntake.Result> result, long queuedAt, String laneKey,
                      InOrder request) {
    }

    /** The problem of a refusal for a full lane: a moment's overload, never the event's fault. */
    static final String BUSY = "intake-busy";

    private static final Logger log = LoggerFactory.getLogger(IntakeLanes.class);

    private final List<BlockingQueue<Submission>> queues = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private final Function<List<Submission>, List<EventIntake.Result>> decideGroup;
    private final int groupSize;
    private final long maxWaitNanos;
    private final LongSupplier nanoTime;
    private volatile boolean running = true;

    IntakeLanes(int lanes, int queueCapacity, Duration maxWait, int groupSize,
                Function<List<Submission>, List<EventIntake.Result>> decideGroup) {
        this(lanes, queueCapacity, maxWait, groupSize, decideGroup, System::nanoTime);
    }

    IntakeLanes(int lanes, int queueCapacity, Duration maxWait, int groupSize,
                Function<List<Submission>, List<EventIntake.Result>> decideGroup, LongSupplier nanoTime) {
        this.decideGroup = decideGroup;
        this.groupSize = groupSize;
        this.maxWaitNanos = maxWait.toNanos();
        this.nanoTime = nanoTime;
        for (int lane = 0; lane < lanes; lane++) {
            BlockingQueue<Submission> queue = new ArrayBlockingQueue<>(queueCapacity);
            queues.add(queue);
            Thread writer = new Thread(() -> write(queue), "intake-lane-" + lane);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /**
     * Queues the event in its subject's lane; refused at once (503) when that lane is full or its
     * oldest event has waited longer than allowed.
     */
    CompletableFuture<EventIntake.Result> submit(String laneKey, PartnerEvent event, Caller caller, String channel,
                                                 String traceparent) {
        return enqueue(laneOf(laneKey), laneKey, null, event, caller, channel, traceparent, false);
    }

    private int laneOf(String laneKey) {
        return Math.floorMod(laneKey.hashCode(), queues.size());
    }

    /**
     * Queues the event unless the lane is closed or full, or, for a request not admitted to the lane
     * before, its oldest event has waited longer than allowed.
     */
    private CompletableFuture<EventIntake.Result> enqueue(int lane, String laneKey, InOrder request,
                                                          PartnerEvent event, Caller caller, String channel,
                                                          String traceparent, boolean requestAdmittedBefore) {
        CompletableFuture<EventIntake.Result> result = new CompletableFuture<>();
        BlockingQueue<Submission> queue = queues.get(lane);
        long now = nanoTime.getAsLong();
        if (!running || !requestAdmittedBefore && waitedTooLong(queue.peek(), now)
                || !queue.offer(new Submission(event, caller, channel, traceparent, result, now, laneKey, request))) {
            result.completeExceptionally(busy().asException());
        }
        return result;
    }

    /**
     * Whether every lane's oldest event has waited longer than allowed: the whole intake is over its
     * capacity, and a request can be refused before its events are read.
     */
    boolean saturated() {
        long now = nanoTime.getAsLong();
        return queues.stream().allMatch(queue -> waitedTooLong(queue.peek(), now));
    }

    /** How long the oldest event waiting in any lane has waited, in seconds; 0 when none waits. */
    double oldestWaitSeconds() {
        long now = nanoTime.getAsLong();
        long oldest = 0;
        for (BlockingQueue<Submission> queue : queues) {
            Submission head = queue.peek();
            if (head != null) {
                oldest = Math.max(oldest, now - head.queuedAt());
            }
        }
        return oldest / 1e9;
    }

    /** Submissions that keep each youth's events in the order given ({@link InOrder}). */
    InOrder inOrder() {
        return new InOrder();
    }

    /**
     * The events of one request (a batch, an import's chunk): once a youth's event is refused as busy, or
     * its group failed and was rolled back, the youth's later events in it are refused too (busy: not
     * stored, send again), those already queued in a later group included. A lane with room again a
     * moment later must not store a youth's later fact before the earlier one the partner has to send
     * again, nor decide it without that one (a later fact the earlier one makes possible would be refused).
     *
     * <p>The lane's wait is asked once per request and lane: a request admitted to a lane brings the
     * rest of its events for it (up to the lane's capacity), however long its own earlier events have
     * waited meanwhile. Its events are parsed and held until its answer anyway, so admitting them costs
     * no memory; refusing them refused an import's chunk in part because the chunk's own first events
     * had waited a second while its last ones were queued (docs/benchmarks.md, issue 21).
     */
    final class InOrder {
        /** Added to by the request's thread (busy) and by a lane's writer (a failed group). */
        private final Set<String> busyYouths = ConcurrentHashMap.newKeySet();
        private final Set<Integer> admittedLanes = new HashSet<>();

        private InOrder() {
        }

        CompletableFuture<EventIntake.Result> submit(String laneKey, PartnerEvent event, Caller caller,
                                                     String channel, String traceparent) {
            if (busyYouths.contains(laneKey)) {
                return CompletableFuture.failedFuture(busy().asException());
            }
            int lane = laneOf(laneKey);
            CompletableFuture<EventIntake.Result> pending = enqueue(lane, laneKey, this, event, caller, channel,
                    traceparent, admittedLanes.contains(lane));
            // A refusal completes at once, on this thread; a queued event only after its commit.
            if (pending.isCompletedExceptionally()) {
                busyYouths.add(laneKey);
            } else {
                admittedLanes.add(lane);
            }
            return pending;
        }
    }

    /** The refusal of an event the intake cannot take now; nothing of it was stored. */
    static IntakeRefusal busy() {
        return new IntakeRefusal(HttpStatus.SERVICE_UNAVAILABLE, BUSY, "Intake busy",
                "the intake is at capacity; retry later with the same id");
    }

    private boolean waitedTooLong(Submission oldest, long now) {
        return oldest != null && now - oldest.queuedAt() > maxWaitNanos;
    }

    private void write(BlockingQueue<Submission> queue) {
        // Partners' requests wait on this thread: its statements have their bound, not the pool's backstop.
        WaitedOn.markThisThread();
        while (running || !queue.isEmpty()) {
            List<Submission> group = new ArrayList<>();
            try {
                Submission first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, groupSize - 1);
                group = withoutYouthsStoppedBefore(group);
                if (group.isEmpty()) {
                    continue;
                }
                List<EventIntake.Result> results = decideGroup.apply(group);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).result().complete(results.get(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                // The group's transaction did not commit: nothing of it is stored.
                if (group.size() > 1 && !DependencyFailures.databaseUnavailable(failure)) {
                    // One event that fails every time (a defect) must not fail every other partner's event
                    // grouped with it at each of its retries: each is decided again on its own. Not when the
                    // database is down, where each would wait for a connection in turn.
                    log.warn("Intake group of {} events failed and was rolled back ({}); deciding each alone",
                            group.size(), failure.getClass().getName());
                    decideEachAlone(group);
                } else {
                    log.error("Intake group of {} events failed and was rolled back: {}", group.size(),
                            failure.getClass().getName(), failure);
                    stopYouthsOf(group);
                    group.forEach(submission -> submission.result().completeExceptionally(failure));
                }
            } catch (Error fatal) {
                // The lane must outlive it: a lane that ended would leave every later caller of its
                // youths waiting for ever. (Out of memory ends the process first where the JVM is told
                // to, as the image does: -XX:+ExitOnOutOfMemoryError.)
                log.error("Intake group of {} events failed fatally and was rolled back: {}", group.size(),
                        fatal.getClass().getName());
                IllegalStateException failure = new IllegalStateException("the intake failed", fatal);
                stopYouthsOf(group);
                group.forEach(submission -> submission.result().completeExceptionally(failure));
            }
        }
    }

    /**
     * A failed group's events decided again one at a time, in their order: a youth whose event fails alone has
     * its later events of the same request refused as busy, as after any failed group; once the database stops
     * answering, the rest fail with that failure undecided.
     */
    private void decideEachAlone(List<Submission> group) {
        RuntimeException unavailable = null;
        for (Submission submission : group) {
            if (unavailable != null) {
                stopYouthsOf(List.of(submission));
                submission.result().completeExceptionally(unavailable);
            } else if (stoppedBefore(submission)) {
                submission.result().completeExceptionally(busy().asException());
            } else {
                try {
                    submission.result().complete(decideGroup.apply(List.of(submission)).get(0));
                } catch (RuntimeException failure) {
                    log.error("Intake event failed alone and was rolled back: {}", failure.getClass().getName(),
                            failure);
                    stopYouthsOf(List.of(submission));
                    submission.result().completeExceptionally(failure);
                    unavailable = DependencyFailures.databaseUnavailable(failure) ? failure : null;
                } catch (Error fatal) {
                    // As for a group: the lane must outlive it.
                    log.error("Intake event failed fatally alone and was rolled back: {}", fatal.getClass().getName());
                    stopYouthsOf(List.of(submission));
                    submission.result().completeExceptionally(new IllegalStateException("the intake failed", fatal));
                }
            }
        }
    }

    /** A failed group's youths: their later events of the same requests are not decided without these. */
    private static void stopYouthsOf(List<Submission> group) {
        for (Submission submission : group) {
            if (submission.request() != null) {
                submission.request().busyYouths.add(submission.laneKey());
            }
        }
    }

    /** The group less the events of youths whose earlier event of the same request was not stored. */
    private static List<Submission> withoutYouthsStoppedBefore(List<Submission> group) {
        if (group.stream().noneMatch(IntakeLanes::stoppedBefore)) {
            return group;
        }
        List<Submission> decidable = new ArrayList<>(group.size());
        for (Submission submission : group) {
            if (stoppedBefore(submission)) {
                submission.result().completeExceptionally(busy().asException());
            } else {
                decidable.add(submission);
            }
        }
        return decidable;
    }

    private static boolean stoppedBefore(Submission submission) {
        return submission.request() != null && submission.request().busyYouths.contains(submission.laneKey());
    }

    @Override
    public void close() {
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
