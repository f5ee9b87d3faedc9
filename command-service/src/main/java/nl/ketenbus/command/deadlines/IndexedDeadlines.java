package nl.ketenbus.command.deadlines;

import java.time.Instant;

import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;

/**
 * Axon's db-scheduler deadline manager with an index of scopes ({@link DeadlineScopes}). Scheduling
 * records the new deadline's scope; cancelling within a scope takes the scope's deadlines from the
 * index and cancels them one by one. Axon itself would read and deserialize every deadline of the
 * installation for that (ADR 0021). The scope is keyed by the bytes Axon stores for it, so the
 * deadlines scheduled before the index are found the same way once {@link DeadlineScopesBackfill}
 * indexed them; until then a cancellation also asks Axon's scan.
 */
class IndexedDeadlines implements DeadlineManager {

    private final DeadlineManager scheduler;
    private final DeadlineScopes scopes;
    private final Serializer serializer;
    private volatile boolean backfilled;

    IndexedDeadlines(DeadlineManager scheduler, DeadlineScopes scopes, Serializer serializer) {
        this.scheduler = scheduler;
        this.scopes = scopes;
        this.serializer = serializer;
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                           ScopeDescriptor deadlineScope) {
        String scheduleId = scheduler.schedule(triggerDateTime, deadlineName, messageOrPayload, deadlineScope);
        byte[] scope = keyOf(deadlineScope);
        onPrepareCommitOrNow(() -> scopes.add(scheduleId, deadlineName, scope));
        return scheduleId;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        scheduler.cancelSchedule(deadlineName, scheduleId);
        onPrepareCommitOrNow(() -> scopes.remove(scheduleId));
    }

    @Override
    public void cancelAll(String deadlineName) {
        scheduler.cancelAll(deadlineName);
        onPrepareCommitOrNow(() -> scopes.removeAll(deadlineName));
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        byte[] key = keyOf(scope);
        // At commit, like Axon's own cancellation: a deadline scheduled earlier in the same unit of
        // work is indexed by then and cancelled too.
        onPrepareCommitOrNow(() -> scopes.takeAll(deadlineName, key)
                .forEach(scheduleId -> scheduler.cancelSchedule(deadlineName, scheduleId)));
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

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super DeadlineMessage<?>> dispatchInterceptor) {
        return scheduler.registerDispatchInterceptor(dispatchInterceptor);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super DeadlineMessage<?>> handlerInterceptor) {
        return scheduler.registerHandlerInterceptor(handlerInterceptor);
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
