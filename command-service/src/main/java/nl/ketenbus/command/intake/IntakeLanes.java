package nl.ketenbus.command.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import nl.ketenbus.command.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Writers for the event store, one thread per lane, each subject always in the same lane. A lane
 * takes whatever is queued (up to a group size) and decides it in one transaction, so a youth's
 * events are decided strictly in arrival order by one writer (no two transactions race for the same
 * stream position) and many events share one commit, whichever request or channel brought them.
 * A submission's future completes only after its group's transaction committed.
 */
final class IntakeLanes implements AutoCloseable {

    /** One event waiting for its lane. */
    record Submission(PartnerEvent event, Caller caller, String channel, String traceparent,
                      CompletableFuture<EventIntake.Result> result) {
    }

    private static final Logger log = LoggerFactory.getLogger(IntakeLanes.class);

    private final List<BlockingQueue<Submission>> queues = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private final Function<List<Submission>, List<EventIntake.Result>> decideGroup;
    private final int groupSize;
    private volatile boolean running = true;

    IntakeLanes(int lanes, int queueCapacity, int groupSize,
                Function<List<Submission>, List<EventIntake.Result>> decideGroup) {
        this.decideGroup = decideGroup;
        this.groupSize = groupSize;
        for (int lane = 0; lane < lanes; lane++) {
            BlockingQueue<Submission> queue = new ArrayBlockingQueue<>(queueCapacity);
            queues.add(queue);
            Thread writer = new Thread(() -> write(queue), "intake-lane-" + lane);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Queues the event in its subject's lane; refused at once (503) when that lane is full. */
    CompletableFuture<EventIntake.Result> submit(String laneKey, PartnerEvent event, Caller caller, String channel,
                                                 String traceparent) {
        CompletableFuture<EventIntake.Result> result = new CompletableFuture<>();
        BlockingQueue<Submission> queue = queues.get(Math.floorMod(laneKey.hashCode(), queues.size()));
        if (!running || !queue.offer(new Submission(event, caller, channel, traceparent, result))) {
            result.completeExceptionally(new IntakeRefusal(HttpStatus.SERVICE_UNAVAILABLE, "intake-busy",
                    "Intake busy", "the intake is at capacity; retry later with the same id").asException());
        }
        return result;
    }

    private void write(BlockingQueue<Submission> queue) {
        while (running || !queue.isEmpty()) {
            List<Submission> group = new ArrayList<>();
            try {
                Submission first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, groupSize - 1);
                List<EventIntake.Result> results = decideGroup.apply(group);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).result().complete(results.get(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                // The group's transaction did not commit: nothing of it is stored, every caller hears so.
                log.error("Intake group of {} events failed and was rolled back: {}", group.size(),
                        failure.getClass().getName(), failure);
                group.forEach(submission -> submission.result().completeExceptionally(failure));
            } catch (Error fatal) {
                // The lane must outlive it: a lane that ended would leave every later caller of its
                // youths waiting for ever. (Out of memory ends the process first where the JVM is told
                // to, as the image does: -XX:+ExitOnOutOfMemoryError.)
                log.error("Intake group of {} events failed fatally and was rolled back: {}", group.size(),
                        fatal.getClass().getName());
                IllegalStateException failure = new IllegalStateException("the intake failed", fatal);
                group.forEach(submission -> submission.result().completeExceptionally(failure));
            }
        }
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
