package nl.ketenbus.command.deadlines;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.axonframework.common.IdentifierFactory;
import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
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
 * ({@link PendingDeadlines}); outside one, Axon schedules it.
 */
class IndexedDeadlines implements DeadlineManager {

    private final DeadlineManager scheduler;
    private final DeadlineScopes scopes;
    private final PendingDeadlines pending;
    private final Serializer serializer;
    private final List<MessageDispatchInterceptor<? super DeadlineMessage<?>>> dispatchInterceptors =
            new CopyOnWriteArrayList<>();
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
            onPrepareCommitOrNow(() -> scopes.add(scheduleId, deadlineName, scope.getData()));
            return scheduleId;
        }
        String scheduleId = IdentifierFactory.getInstance().generateIdentifier();
        DeadlineMessage<Object> message =
                GenericDeadlineMessage.asDeadlineMessage(deadlineName, messageOrPayload, triggerDateTime);
        onPrepareCommitOrNow(() -> pending.add(scheduleId, deadlineName, scope.getData(),
                scope.getType().getName(), intercepted(message), triggerDateTime));
        return scheduleId;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        onPrepareCommitOrNow(() -> {
            if (!pending.drop(deadlineName, scheduleId)) {
                scheduler.cancelSchedule(deadlineName, scheduleId);
                scopes.remove(scheduleId);
            }
        });
    }

    @Override
    public void cancelAll(String deadlineName) {
        onPrepareCommitOrNow(() -> pending.dropAll(deadlineName));
        scheduler.cancelAll(deadlineName);
        onPrepareCommitOrNow(() -> scopes.removeAll(deadlineName));
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        byte[] key = keyOf(scope);
        // At commit, like Axon's own cancellation: a deadline scheduled earlier in the same
        // transaction is dropped before it is written, and one an earlier transaction wrote is
        // found through the index and cancelled.
        onPrepareCommitOrNow(() -> {
            pending.dropWithinScope(deadlineName, key);
            scopes.takeAll(deadlineName, key).forEach(scheduleId -> scheduler.cancelSchedule(deadlineName, scheduleId));
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
        dispatchInterceptors.add(dispatchInterceptor);
        Registration axons = scheduler.registerDispatchInterceptor(dispatchInterceptor);
        return () -> dispatchInterceptors.remove(dispatchInterceptor) & axons.cancel();
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super DeadlineMessage<?>> handlerInterceptor) {
        return scheduler.registerHandlerInterceptor(handlerInterceptor);
    }

    /** As Axon's deadline manager passes a deadline through its dispatch interceptors before storing it. */
    @SuppressWarnings("unchecked")
    private DeadlineMessage<?> intercepted(DeadlineMessage<Object> message) {
        DeadlineMessage<?> intercepted = message;
        for (MessageDispatchInterceptor<? super DeadlineMessage<?>> interceptor : dispatchInterceptors) {
            intercepted = (DeadlineMessage<?>) interceptor.handle(intercepted);
        }
        return intercepted;
    }

    /** The scope as Axon stores it with the deadline. */
    private byte[] keyOf(ScopeDescriptor scope) {
        return serializer.serialize(scope, byte[].class).getData();
    }

    /** As Axon's deadline manager runs its own calls, so the index changes in the same order. */
    private static void onPrepareCommitOrNow(Runnable task) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> task.run());
        } else {
            task.run();
        }
    }
}
