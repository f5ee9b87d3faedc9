package nl.ketenbus.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.UUID;

import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the PostgreSQL driver writes into an exception's message, which is what the logs print: the
 * failed statement and the constraint, never the rows' values. A second event at a position the
 * youth's stream already holds is the store's conflict; the server's detail for it names the youth's
 * reference ("Key (aggregate_identifier, sequence_number)=(...) already exists").
 */
class DriverMessagesIT extends CommandServiceIntegrationTest {

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void aConflictingAppendIsReportedWithoutTheRowsValues() {
        String subject = "sr-" + UUID.randomUUID();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);

        Throwable conflict = catchThrowable(() -> transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            appendRawEvents(subject, 0, 0);
        }));

        assertThat(conflict).isInstanceOf(DuplicateKeyException.class).hasRootCauseInstanceOf(PSQLException.class);
        PSQLException driver = (PSQLException) conflict.getCause();
        assertThat(driver.getSQLState()).as("a unique violation").isEqualTo("23505");
        // The server did send the values; the driver keeps them for code that asks, out of the message.
        assertThat(driver.getServerErrorMessage().getDetail()).contains(subject);
        assertThat(driver.getMessage()).contains("duplicate key").doesNotContain(subject);
        assertThat(conflict.getMessage()).doesNotContain(subject);
        assertThat(storedEventsOf(subject)).as("rolled back").isZero();
    }
}
