package nl.ketenbus.command.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancelling an aggregate's deadlines by name goes through the index (ADR 0021) and cancels exactly
 * what Axon's own scan would: that name, that scope, including one scheduled earlier in the same
 * unit of work; deadlines scheduled before the index are indexed once and then found the same way;
 * the entries of deadlines that fired are purged. Within a transaction the deadlines are written
 * together at its commit, as Axon writes them, and only those not cancelled before it; the stored
 * ones it cancels are cancelled together at its commit too, before the new ones are written; and
 * when the transaction stores events, all of it before they are appended.
 */
class IndexedDeadlinesIT extends CommandServiceIntegrationTest {

    private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

    @Autowired
    DeadlineManager deadlines;
    @Autowired
    EventStore eventStore;
    @Autowired
    DbSchedulerDeadlineManager axonDeadlines;
    @Autowired
    DeadlineScopes scopes;
    @Autowired
    PendingDeadlines pending;
    @Autowired
    DeadlineScopesBackfill backfill;
    @Autowired
    DeadlineScopePurge purge;
    @Autowired
    TransactionManager transactions;
    @Autowired
    PlatformTransactionManager platform;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    @Test
    void cancelsTheDeadlinesOfThatNameWithinThatScopeOnly() {
        assertThat(scopes.backfilled()).as("no scan behind the index here").isTrue();
        ScopeDescriptor youth = scope();
        ScopeDescriptor other = scope();
        String cancelled = inUnitOfWork(() -> deadlines.schedule(LATER, "retention", null, youth));
        String otherName = inUnitOfWork(() -> deadlines.schedule(LATER, "birthday", null, youth));
        String otherYouth = inUnitOfWork(() -> deadlines.schedule(LATER, "retention", null, other));

        inUnitOfWork(() -> {
            deadlines.cancelAllWithinScope("retention", youth);
            return null;
        });

        assertThat(scheduled(cancelled)).isFalse();
        assertThat(scheduled(otherName)).isTrue();
        assertThat(scheduled(otherYouth)).isTrue();
        assertThat(indexed(cancelled)).as("its index entry goes with it").isFalse();
        assertThat(indexed(otherName)).isTrue();
    }

    @Test
    void cancelsADeadlineScheduledEarlierInTheSameUnitOfWorkAndKeepsOneScheduledAfter() {
        ScopeDescriptor youth = scope();
        String[] ids = inUnitOfWork(() -> {
            String before = deadlines.schedule(LATER, "retention", null, youth);
            deadlines.cancelAllWithinScope("retention", youth);
            String after = deadlines.schedule(LATER, "retention", null, youth);
            return new String[] {before, after};
        });

        assertThat(scheduled(ids[0])).isFalse();
        assertThat(scheduled(ids[1])).isTrue();
    }

    @Test
    void writesATransactionsDeadlinesAtItsCommitAsAxonWould() {
        ScopeDescriptor youth = scope();
        String byAxon = axonDeadlines.schedule(LATER, "retention", "2031-05-01", youth);
        String[] ids = new TransactionTemplate(platform).execute(status -> {
            String first = inUnitOfWork(() -> deadlines.schedule(LATER, "retention", "2031-05-01", youth));
            String second = inUnitOfWork(() -> deadlines.schedule(LATER, "birthday", null, youth));
            assertThat(scheduled(first)).as("not written one by one").isFalse();
            assertThat(indexed(first)).isFalse();
            return new String[] {first, second};
        });

        assertThat(scheduled(ids[0])).isTrue();
        assertThat(scheduled(ids[1])).isTrue();
        assertThat(indexed(ids[0])).isTrue();
        assertThat(indexed(ids[1])).isTrue();
        String row = "select task_name, encode(task_data, 'hex') as data, execution_time, picked, version "
                + "from scheduled_tasks where task_instance = ?";
        assertThat(jdbc.queryForMap(row, ids[0])).as("what Axon's task reads when it is due")
                .isEqualTo(jdbc.queryForMap(row, byAxon));
    }

    @Test
    void dropsWhatIsCancelledBeforeTheCommitAndWritesNothingOnRollback() {
        ScopeDescriptor youth = scope();
        String[] ids = new TransactionTemplate(platform).execute(status -> {
            String cancelledByScope = inUnitOfWork(() -> deadlines.schedule(LATER, "retention", null, youth));
            String cancelledById = inUnitOfWork(() -> deadlines.schedule(LATER, "birthday", null, youth));
            String kept = inUnitOfWork(() -> {
                deadlines.cancelAllWithinScope("retention", youth);
                deadlines.cancelSchedule("birthday", cancelledById);
                return deadlines.schedule(LATER, "retention", null, youth);
            });
            return new String[] {cancelledByScope, cancelledById, kept};
        });
        String rolledBack = new TransactionTemplate(platform).execute(status -> {
            String id = inUnitOfWork(() -> deadlines.schedule(LATER, "retention", null, scope()));
            status.setRollbackOnly();
            return id;
        });

        assertThat(scheduled(ids[0])).isFalse();
        assertThat(scheduled(ids[1])).isFalse();
        assertThat(indexed(ids[1])).isFalse();
        assertThat(scheduled(ids[2])).isTrue();
        assertThat(indexed(ids[2])).isTrue();
        assertThat(scheduled(rolledBack)).isFalse();
        assertThat(indexed(rolledBack)).isFalse();
    }

    @Test
    void cancelsTheStoredDeadlinesOfATransactionTogetherAtItsCommit() {
        ScopeDescriptor youth = scope();
        ScopeDescriptor other = scope();
        String stored = inUnitOfWork(() -> deadlines.schedule(LATER, "retention", null, youth));
        String storedOther = inUnitOfWork(() -> deadlines.schedule(LATER, "retention", null, other));
        String untouched = inUnitOfWork(() -> deadlines.schedule(LATER, "birthday", null, youth));
        String[] ids = new TransactionTemplate(platform).execute(status -> {
            String[] planned = inUnitOfWork(() -> {
                deadlines.cancelAllWithinScope("retention", youth);
                String replacement = deadlines.schedule(LATER, "retention", null, youth);
                deadlines.cancelAllWithinScope("retention", other);
                return new String[] {replacement, deadlines.schedule(LATER, "retention", null, other)};
            });
            assertThat(scheduled(stored)).as("cancelled at the transaction's commit, not one by one").isTrue();
            assertThat(indexed(storedOther)).isTrue();
            return planned;
        });

        assertThat(scheduled(stored)).isFalse();
        assertThat(indexed(stored)).isFalse();
        assertThat(scheduled(storedOther)).isFalse();
        assertThat(indexed(storedOther)).isFalse();
        assertThat(scheduled(ids[0])).as("scheduled after the cancellation: written after it").isTrue();
        assertThat(indexed(ids[0])).isTrue();
        assertThat(scheduled(ids[1])).isTrue();
        assertThat(scheduled(untouched)).as("another name in the same scope").isTrue();
        assertThat(indexed(untouched)).isTrue();
    }

    @Test
    void writesATransactionsDeadlinesBeforeItsEventsAreAppended() {
        ScopeDescriptor youth = scope();
        String subject = "sr-" + UUID.randomUUID();
        String stored = inUnitOfWork(() -> deadlines.schedule(LATER, "retention", null, youth));
        String written = new TransactionTemplate(platform).execute(status -> {
            String id = inUnitOfWork(() -> {
                deadlines.cancelAllWithinScope("retention", youth);
                String replacement = deadlines.schedule(LATER, "retention", null, youth);
                eventStore.publish(new GenericDomainEventMessage<>("Subject", subject, 0,
                        new SubjectRegistered(subject, null, null, null, null, null), MetaData.from(Map.of(
                        "partnerEventId", "deadlines-" + subject, "partnerSource", "urn:ketenbus:org:politie",
                        "occurredAt", Instant.now().toString()))));
                return replacement;
            });
            // The unit of work has appended its event; the transaction is still open.
            assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                    Long.class, subject)).isEqualTo(1);
            assertThat(scheduled(id)).as("written before the events, not at the commit").isTrue();
            assertThat(scheduled(stored)).as("the cancellation too").isFalse();
            return id;
        });

        assertThat(scheduled(written)).isTrue();
        assertThat(indexed(written)).isTrue();
        assertThat(scheduled(stored)).isFalse();
    }

    @Test
    void refusesToCancelADeadlineThatIsRunningAndKeepsNothingOfTheTransaction() {
        ScopeDescriptor youth = scope();
        ScopeDescriptor other = scope();
        String running = inUnitOfWork(() -> deadlines.schedule(LATER, "retention", null, youth));
        String stored = inUnitOfWork(() -> deadlines.schedule(LATER, "retention", null, other));
        // As db-scheduler marks a task it has picked to run.
        jdbc.update("update scheduled_tasks set picked = true, picked_by = 'another-node', version = version + 1 "
                + "where task_instance = ?", running);

        assertThatThrownBy(() -> inUnitOfWork(() -> {
            deadlines.cancelAllWithinScope("retention", other);
            deadlines.cancelAllWithinScope("retention", youth);
            return deadlines.schedule(LATER, "birthday", null, youth);
        })).isInstanceOf(TaskInstanceCurrentlyExecutingException.class);

        assertThat(scheduled(running)).isTrue();
        assertThat(indexed(running)).as("the index's delete rolled back with the rest").isTrue();
        assertThat(scheduled(stored)).as("the other cancellation rolled back").isTrue();
        assertThat(indexed(stored)).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from deadline_scope d where d.deadline_name = 'birthday' "
                + "and not exists (select 1 from scheduled_tasks t where t.task_instance = d.schedule_id)",
                Long.class)).as("no deadline of the failed transaction").isZero();
    }

    @Test
    void findsADeadlineScheduledBeforeTheIndexOnceItIsIndexed() {
        ScopeDescriptor youth = scope();
        String unindexed = inUnitOfWork(() -> axonDeadlines.schedule(LATER, "retention", null, youth));
        assertThat(indexed(unindexed)).isFalse();
        jdbc.update("update deadline_scope_backfill set done_at = null");

        backfill.afterStart();

        assertThat(indexed(unindexed)).isTrue();
        assertThat(scopes.backfilled()).isTrue();
        inUnitOfWork(() -> {
            new IndexedDeadlines(axonDeadlines, scopes, pending, serializer).cancelAllWithinScope("retention", youth);
            return null;
        });
        assertThat(scheduled(unindexed)).isFalse();
    }

    @Test
    void purgesTheEntriesOfDeadlinesNoLongerScheduledOnceTheyHaveSettled() {
        ScopeDescriptor youth = scope();
        String fired = inUnitOfWork(() -> deadlines.schedule(LATER, "birthday", null, youth));
        String waiting = inUnitOfWork(() -> deadlines.schedule(LATER, "birthday", null, scope()));
        String justFired = inUnitOfWork(() -> deadlines.schedule(LATER, "birthday", null, scope()));
        // As db-scheduler removes a one-time task once it ran.
        jdbc.update("delete from scheduled_tasks where task_instance in (?, ?)", fired, justFired);
        jdbc.update("update deadline_scope set indexed_at = now() - interval '2 hours' where schedule_id in (?, ?)",
                fired, waiting);

        long purged = purge.purge();

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(indexed(fired)).as("fired an hour ago or more: gone").isFalse();
        assertThat(indexed(waiting)).as("still scheduled: kept").isTrue();
        assertThat(indexed(justFired)).as("indexed within the hour: kept").isTrue();
        assertThat(scheduled(waiting)).isTrue();
    }

    private static ScopeDescriptor scope() {
        return new AggregateScopeDescriptor("Subject", "sr-" + UUID.randomUUID());
    }

    private <T> T inUnitOfWork(Supplier<T> work) {
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
        unit.attachTransaction(transactions);
        try {
            T result = work.get();
            unit.commit();
            return result;
        } catch (RuntimeException failure) {
            // A commit that failed has rolled the unit back already.
            if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() == unit) {
                unit.rollback(failure);
            }
            throw failure;
        }
    }

    private boolean scheduled(String scheduleId) {
        return jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance = ?", Long.class,
                scheduleId) == 1;
    }

    private boolean indexed(String scheduleId) {
        return jdbc.queryForObject("select count(*) from deadline_scope where schedule_id = ?", Long.class,
                scheduleId) == 1;
    }
}
