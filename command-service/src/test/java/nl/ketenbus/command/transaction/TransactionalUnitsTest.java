package nl.ketenbus.command.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * The transaction ends with the unit of work whatever ends it: Axon's own commit leaves it open when the commit
 * fails with an Error, and the thread's next unit of work then ran in it.
 */
class TransactionalUnitsTest {

    private final Transactions transactions = new Transactions();

    @Test
    void commitsWhenTheWorkAndTheCommitSucceed() {
        assertThat(TransactionalUnits.call(transactions, () -> "decided")).isEqualTo("decided");

        assertThat(transactions.ends).containsExactly("commit");
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    @Test
    void rollsBackWhenTheWorkFails() {
        assertThatThrownBy(() -> TransactionalUnits.run(transactions, () -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");

        assertThat(transactions.ends).isNotEmpty().containsOnly("rollback");
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    @Test
    void rollsBackWhenTheCommitFailsWithAnError() {
        assertThatThrownBy(() -> TransactionalUnits.run(transactions, () -> CurrentUnitOfWork.get()
                .onPrepareCommit(unit -> {
                    throw new AssertionError("a driver's assertion while the events were written");
                }))).isInstanceOf(AssertionError.class);

        assertThat(transactions.ends).as("the transaction is not left open on the thread")
                .isNotEmpty().containsOnly("rollback");
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    @Test
    void aFailingStartLeavesNoUnitOfWork() {
        TransactionManager unreachable = () -> {
            throw new IllegalStateException("no connection");
        };

        assertThatThrownBy(() -> TransactionalUnits.run(unreachable, () -> {
        })).hasMessage("no connection");
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    /** Records how each transaction ended. */
    private static final class Transactions implements TransactionManager {
        final List<String> ends = new ArrayList<>();

        @Override
        public Transaction startTransaction() {
            return new Transaction() {
                @Override
                public void commit() {
                    ends.add("commit");
                }

                @Override
                public void rollback() {
                    ends.add("rollback");
                }
            };
        }
    }
}
