package nl.ketenbus.command.transaction;

import java.util.function.Supplier;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Work done in one Axon unit of work and one transaction, which end with it whatever ends it. Axon's unit of work
 * rolls its transaction back when its commit fails with an exception, but not with an Error (its commit catches
 * exceptions only): the transaction stayed bound to the thread, with its connection, and every later unit of work
 * on that thread ran in it. On an intake lane that was every later group of its youths, each failing on the dead
 * connection, until the service restarted (FrozenDatabaseIT: the PostgreSQL driver, run with Java's assertions
 * enabled as the tests are, raised an AssertionError from a batch whose connection broke, which the event store now
 * turns into a connection failure).
 */
public final class TransactionalUnits {

    private TransactionalUnits() {
    }

    /** {@code work}'s result once the unit of work and its transaction committed; on any failure both rolled back. */
    public static <T> T call(TransactionManager transactions, Supplier<T> work) {
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
        Transaction transaction;
        try {
            transaction = transactions.startTransaction();
        } catch (RuntimeException | Error failure) {
            unit.rollback(failure);
            throw failure;
        }
        unit.onCommit(committing -> transaction.commit());
        unit.onRollback(rollingBack -> transaction.rollback());
        try {
            T result = work.get();
            unit.commit();
            return result;
        } catch (RuntimeException | Error failure) {
            // A unit of work left current on this thread would take in the next caller's events, never written.
            if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() == unit) {
                unit.rollback(failure);
            }
            // Ended already unless the unit's commit failed with an Error; Axon's Spring transaction manager ends a
            // transaction once, and a second rollback does nothing.
            try {
                transaction.rollback();
            } catch (RuntimeException | Error rollbackFailed) {
                failure.addSuppressed(rollbackFailed);
            }
            throw failure;
        }
    }

    /** As {@link #call}, for work without a result. */
    public static void run(TransactionManager transactions, Runnable work) {
        call(transactions, () -> {
            work.run();
            return null;
        });
    }
}
