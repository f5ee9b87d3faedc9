package nl.ketenbus.command.deadlines;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import nl.ketenbus.command.transaction.TransactionScoped;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The deadlines a transaction schedules, written together just before it commits: one batch into
 * db-scheduler's table and one into the scope index (ADR 0021 item 12). Scheduled one by one, each
 * cost three round trips inside the transaction (db-scheduler's check whether the id exists, its
 * insert, the index's insert), and an intake group of registrations schedules two per youth. The
 * check is left out because the id is new: a clash still fails the insert, and the transaction.
 *
 * <p>What is written is what Axon's db-scheduler deadline manager writes for a deadline (its binary
 * task data; its task runs it when due). A deadline cancelled before the commit is dropped here and
 * never written; one that was not scheduled in this transaction is cancelled in the database as
 * before.
 */
class PendingDeadlines {

    /** The task Axon's deadline manager schedules and runs. */
    private static final TaskDescriptor<DbSchedulerBinaryDeadlineDetails> TASK =
            TaskDescriptor.of(DeadlineScopesBackfill.AXON_DEADLINES, DbSchedulerBinaryDeadlineDetails.class);

    /** One deadline waiting for the commit. */
    private record Pending(DbSchedulerBinaryDeadlineDetails details, Instant at) {
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
        waitingOrNew().computeIfAbsent(Within.of(deadlineName, scope), within -> new LinkedHashMap<>())
                .put(scheduleId, new Pending(details, at));
    }

    /** Drops this transaction's waiting deadlines of that name within that scope. */
    void dropWithinScope(String deadlineName, byte[] scope) {
        Map<Within, Map<String, Pending>> waiting = waiting();
        if (waiting != null) {
            waiting.remove(Within.of(deadlineName, scope));
        }
    }

    /** Drops the deadline if it waits in this transaction; false if it was not scheduled here. */
    boolean drop(String deadlineName, String scheduleId) {
        Map<Within, Map<String, Pending>> waiting = waiting();
        if (waiting == null) {
            return false;
        }
        for (Map.Entry<Within, Map<String, Pending>> within : waiting.entrySet()) {
            if (within.getKey().deadlineName().equals(deadlineName) && within.getValue().remove(scheduleId) != null) {
                return true;
            }
        }
        return false;
    }

    /** Drops this transaction's waiting deadlines of that name. */
    void dropAll(String deadlineName) {
        Map<Within, Map<String, Pending>> waiting = waiting();
        if (waiting != null) {
            waiting.keySet().removeIf(within -> within.deadlineName().equals(deadlineName));
        }
    }

    private Map<Within, Map<String, Pending>> waitingOrNew() {
        return TransactionScoped.map(resource, this::write);
    }

    private Map<Within, Map<String, Pending>> waiting() {
        return TransactionScoped.find(resource);
    }

    private void write(Map<Within, Map<String, Pending>> waiting) {
        List<SchedulableInstance<?>> tasks = new ArrayList<>();
        List<DeadlineScopes.Entry> entries = new ArrayList<>();
        waiting.forEach((within, deadlines) -> deadlines.forEach((scheduleId, deadline) -> {
            tasks.add(SchedulableInstance.of(TASK.instance(scheduleId).data(deadline.details()).build(),
                    deadline.at()));
            entries.add(new DeadlineScopes.Entry(scheduleId, within.deadlineName(), within.scope().array()));
        }));
        if (!tasks.isEmpty()) {
            scheduler.scheduleBatch(tasks);
            scopes.addAll(entries);
        }
    }
}
