package nl.ketenbus.command.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The youths' last sequence numbers as {@code lock_subject_streams} answers them (Flyway V17 reads one
 * index entry per youth instead of all its events): the highest one for a youth with events, none for
 * a youth without, once for a youth named twice. The rows are written and read in one transaction that
 * is rolled back, so the publisher never sees them.
 */
class SubjectStreamsIT extends CommandServiceIntegrationTest {

    @Autowired
    SubjectStreams streams;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void answersEachYouthsLastSequenceNumberOnceItsStreamIsLocked() {
        String manyEvents = "sr-" + UUID.randomUUID();
        String twoEvents = "sr-" + UUID.randomUUID();
        String noEvents = "sr-" + UUID.randomUUID();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        List<Long> versions = transaction.execute(status -> {
            status.setRollbackOnly();
            // Out of order, and with another youth's higher numbers in between, as a store holds them.
            appendRawEvents(manyEvents, 3, 0, 7, 1, 2, 6, 4, 5);
            appendRawEvents(twoEvents, 0, 1);
            streams.lock(List.of(manyEvents, noEvents, twoEvents, manyEvents));
            return Arrays.asList(streams.lockAndReadVersion(manyEvents), streams.lockAndReadVersion(twoEvents),
                    streams.lockAndReadVersion(noEvents));
        });

        assertThat(versions).containsExactly(7L, 1L, null);
        assertThat(storedEventsOf(manyEvents)).as("rolled back").isZero();
    }
}
