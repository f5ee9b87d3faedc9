package nl.ketenbus.command.deadlines;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import nl.ketenbus.command.transaction.TransactionScoped;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The deadlines a transaction schedules and cancels, written together just before it appends its
 * events, or just before it commits when it stores none (ADR 0021 items 12, 18 and 20;
 * {@code TransactionScoped.writeWaiting}). First the cancellations by scope of deadlines earlier transactions
 * stored, all in one statement; then the new deadlines, in one batch into db-scheduler's table and
 * one into the scope index. One by one, a new deadline cost three round trips inside the transaction
 * (db-scheduler's check whether the id exists, its insert, the index's insert) and a cancelled one
 * three more (the index, db-scheduler's read of the task, its delete); an intake group of
 * registrations schedules two per youth, and most facts move a youth's retention deadline. The check
 * is left out because the id is new: a clash still fails the insert, and the transaction.
 *
 * <p>What is written is what Axon's db-scheduler deadline manager writes for a deadline (its binary
 * task data; its task runs it when due). A deadline cancelled before the commit is dropped here and
 * never written. A stored one is deleted as db-scheduler's own cancel deletes a task that is not
 * running; one that is running when the transaction commits is handed to db-scheduler's cancel,
 * which refuses it as before, and the transaction rolls back.
 */
class PendingDeadlines {

    /** The task Axon's deadline manager schedules and runs. */
    private static final TaskDescriptor<DbSchedulerBinaryDeadlineDetails> TASK =
            TaskDescriptor.of(DeadlineScopesBackfill.AXON_DEADLINES, DbSchedulerBinaryDeadlineDetails.class);

    /** One deadline waiting for the commit. */
    private record Pending(DbSchedulerBinaryDeadlineDetails details, Instant at) {
    }

    /**
     * What the transaction holds for one name and scope: the deadlines it scheduled there, and whether
     * it cancelled, at some point, the ones earlier transactions stored there.
     */
    private static final class Held {
        private final Map<String, Pending> scheduled = new LinkedHashMap<>();
        private boolean storedCancelled;
    }

    /** A deadline's name and scope, which a cancellation names: the waiting deadlines are kept by it. */
    private record Within(String deadlineName, ByteBuffer scope) {

        static Within of(String deadlineName, byte[] scope) {
            return new Within(deadlineName, ByteBuffer.wrap(scope));
        }
    }

    private final Object resource = new Object();
    private final SchedulerClient scheduler;
    private final DeadlineScopes scopes;
    private final Serializer serializer;

    PendingDeadlines(SchedulerClient scheduler, DeadlineScopes scopes, Serializer serializer) {
        this.scheduler = scheduler;
        this.scopes = scopes;
        this.serializer = serializer;
    }

    /** Whether a deadline scheduled now can wait for the commit: only within a transaction. */
    static boolean canWait() {
        return TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive();
    }

    /** Keeps the deadline for the commit, serialized as Axon's deadline manager would store it. */
    void add(String scheduleId, String deadlineName, byte[] scope, String scopeType,
             DeadlineMessage<?> message, Instant at) {
        SerializedObject<byte[]> payload = serializer.serialize(message.getPayload(), byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(message.getMetaData(), byte[].class);
        DbSchedulerBinaryDeadlineDetails details = new DbSchedulerBinaryDeadlineDetails(deadlineName, scope,
                scopeType, payload.getData(), payload.getType().getName(), payload.getType().getRevision(),
                metaData.getData());
        waitingOrNew().computeIfAbsent(Within.of(deadlineName, scope), within -> new Held()).scheduled
                .put(scheduleId, new Pending(details, at));
    }

    /**
     * Cancels every deadline of that name within that scope: drops those this transaction scheduled
     * so far, and cancels the stored ones at the commit, before the deadlines scheduled after this are
     * written.
     */
    void cancelWithinScope(String deadlineName, byte[] scope) {
        Held held = waitingOrNew().computeIfAbsent(Within.of(deadlineName, scope), within -> new Held());
        held.scheduled.clear();
        held.storedCancelled = true;
    }

    /** Drops the deadline if it waits in this transaction; false if it was not scheduled here. */
    boolean drop(String deadlineName, String scheduleId) {
        Map<Within, Held> waiting = waiting();
        if (waiting == null) {
            return false;
        }
        for (Map.Entry<Within, Held> within : waiting.entrySet()) {
            if (within.getKey().deadlineName().equals(deadlineName)
                    && within.getValue().scheduled.remove(scheduleId) != null) {
                return true;
            }
        }
        return false;
    }

    /** Drops this transaction's waiting deadlines of that name (the caller cancels the stored ones). */
    void dropAll(String deadlineName) {
        Map<Within, Held> waiting = waiting();
        if (waiting != null) {
            waiting.keySet().removeIf(within -> within.deadlineName().equals(deadlineName));
        }
    }

    private Map<Within, Held> waitingOrNew() {
        return TransactionScoped.map(resource, this::write);
    }

    private Map<Within, Held> waiting() {
        return TransactionScoped.find(resource);
    }

    private void write(Map<Within, Held> waiting) {
        cancelStored(waiting.entrySet().stream().filter(within -> within.getValue().storedCancelled)
                .map(within -> new DeadlineScopes.Scope(within.getKey().deadlineName(),
                        within.getKey().scope().array())).toList());
        List<SchedulableInstance<?>> tasks = new ArrayList<>();
        List<DeadlineScopes.Entry> entries = new ArrayList<>();
        waiting.forEach((within, held) -> held.scheduled.forEach((scheduleId, deadline) -> {
            tasks.add(SchedulableInstance.of(TASK.instance(scheduleId).data(deadline.details()).build(),
                    deadline.at()));
            entries.add(new DeadlineScopes.Entry(scheduleId, within.deadlineName(), within.scope().array()));
        }));
        if (!tasks.isEmpty()) {
            scheduler.scheduleBatch(tasks);
            scopes.addAll(entries);
        }
    }

    /**
     * The stored deadlines of these scopes, cancelled in one statement; a task running now is left to
     * db-scheduler's cancel, which refuses it ({@code TaskInstanceCurrentlyExecutingException}), as it
     * did when each was cancelled alone. One that finished meanwhile is gone, which is what was asked.
     */
    private void cancelStored(List<DeadlineScopes.Scope> cancelled) {
        if (cancelled.isEmpty()) {
            return;
        }
        for (String running : scopes.cancelStored(cancelled)) {
            try {
                scheduler.cancel(TASK.instanceId(running));
            } catch (TaskInstanceNotFoundException finished) {
                // Ran and was removed between the statement and this call: nothing left to cancel.
            }
        }
    }
}
