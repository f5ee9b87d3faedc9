package nl.ketenbus.command.deadlines;

import java.time.Instant;

import org.axonframework.common.IdentifierFactory;
import org.axonframework.common.Registration;
import org.axonframework.deadline.AbstractDeadlineManager;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Axon's db-scheduler deadline manager with an index of scopes ({@link DeadlineScopes}). Scheduling
 * records the new deadline's scope; cancelling within a scope takes the scope's deadlines from the
 * index and cancels them one by one. Axon itself would read and deserialize every deadline of the
 * installation for that (ADR 0021). The scope is keyed by the bytes Axon stores for it, so the
 * deadlines scheduled before the index are found the same way once {@link DeadlineScopesBackfill}
 * indexed them; until then a cancellation also asks Axon's scan.
 *
 * <p>Within a transaction, a deadline is scheduled as Axon would at the unit of work's commit, but
 * kept until the transaction commits and then written with the transaction's other deadlines
 * ({@link PendingDeadlines}); a cancellation by scope likewise cancels the stored deadlines then,
 * with the transaction's other cancellations. Outside one, Axon schedules and cancels them.
 */
class IndexedDeadlines extends AbstractDeadlineManager {

    private final DeadlineManager scheduler;
    private final DeadlineScopes scopes;
    private final PendingDeadlines pending;
    private final Serializer serializer;
    private volatile boolean backfilled;

    IndexedDeadlines(DeadlineManager scheduler, DeadlineScopes scopes, PendingDeadlines pending,
                     Serializer serializer) {
        this.scheduler = scheduler;
        this.scopes = scopes;
        this.pending = pending;
        this.serializer = serializer;
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                           ScopeDescriptor deadlineScope) {
        SerializedObject<byte[]> scope = serializer.serialize(deadlineScope, byte[].class);
        if (!PendingDeadlines.canWait()) {
            String scheduleId = scheduler.schedule(triggerDateTime, deadlineName, messageOrPayload, deadlineScope);
            runOnPrepareCommitOrNow(() -> scopes.add(scheduleId, deadlineName, scope.getData()));
            return scheduleId;
        }
        String scheduleId = IdentifierFactory.getInstance().generateIdentifier();
        DeadlineMessage<Object> message =
                GenericDeadlineMessage.asDeadlineMessage(deadlineName, messageOrPayload, triggerDateTime);
        runOnPrepareCommitOrNow(() -> pending.add(scheduleId, deadlineName, scope.getData(),
                scope.getType().getName(), processDispatchInterceptors(message), triggerDateTime));
        return scheduleId;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        runOnPrepareCommitOrNow(() -> {
            if (!pending.drop(deadlineName, scheduleId)) {
                scheduler.cancelSchedule(deadlineName, scheduleId);
                scopes.remove(scheduleId);
            }
        });
    }

    @Override
    public void cancelAll(String deadlineName) {
        runOnPrepareCommitOrNow(() -> pending.dropAll(deadlineName));
        scheduler.cancelAll(deadlineName);
        runOnPrepareCommitOrNow(() -> scopes.removeAll(deadlineName));
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        byte[] key = keyOf(scope);
        // At commit, like Axon's own cancellation: a deadline scheduled earlier in the same
        // transaction is dropped before it is written, and one an earlier transaction wrote is
        // found through the index and cancelled.
        runOnPrepareCommitOrNow(() -> {
            if (PendingDeadlines.canWait()) {
                // The stored ones with the transaction's other cancellations, in one statement at its commit.
                pending.cancelWithinScope(deadlineName, key);
            } else {
                scopes.takeAll(deadlineName, key)
                        .forEach(scheduleId -> scheduler.cancelSchedule(deadlineName, scheduleId));
            }
        });
        if (!backfilled()) {
            scheduler.cancelAllWithinScope(deadlineName, scope);
        }
    }

    /** Once true it stays true, so it is asked of the database only until then. */
    private boolean backfilled() {
        if (!backfilled) {
            backfilled = scopes.backfilled();
        }
        return backfilled;
    }

    @Override
    public void shutdown() {
        scheduler.shutdown();
    }

    /** Registered here for the deadlines this class writes, and with Axon's for those it schedules. */
    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super DeadlineMessage<?>> dispatchInterceptor) {
        Registration ours = super.registerDispatchInterceptor(dispatchInterceptor);
        Registration axons = scheduler.registerDispatchInterceptor(dispatchInterceptor);
        return () -> ours.cancel() & axons.cancel();
    }

    /** Deadlines run in Axon's deadline manager, so their handler interceptors are its. */
    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super DeadlineMessage<?>> handlerInterceptor) {
        return scheduler.registerHandlerInterceptor(handlerInterceptor);
    }

    /** The scope as Axon stores it with the deadline. */
    private byte[] keyOf(ScopeDescriptor scope) {
        return serializer.serialize(scope, byte[].class).getData();
    }
}
