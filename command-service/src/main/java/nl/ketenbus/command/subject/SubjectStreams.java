package nl.ketenbus.command.subject;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The youth's stream as the database has it, for every node: a transaction-scoped advisory lock per
 * youth, so that nodes decide about one youth in turn, and the stream's last sequence number, so that
 * a node notices what another node appended since it last looked (ADR 0010). The lock is held until
 * the transaction ends; taking it again in the same transaction costs nothing.
 */
@Component
class SubjectStreams {

    private final JdbcTemplate jdbc;

    SubjectStreams(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks one youth's stream for the current transaction and answers its last sequence number, or
     * null when it has no events yet. Outside a transaction it only answers. The lock is taken while
     * Axon holds its own lock on the youth in this node, never before: so the two are always taken in
     * the same order and cannot wait for each other.
     */
    Long lockAndReadVersion(String subjectRef) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // A statement of its own: under READ COMMITTED a statement reads the snapshot taken when it
            // began, so the read must begin after the lock is held to see the other node's commit.
            jdbc.query("select pg_advisory_xact_lock(hashtextextended(?, 0))", row -> { }, subjectRef);
        }
        return jdbc.queryForObject("select max(sequence_number) from domain_event_entry where aggregate_identifier = ?",
                Long.class, subjectRef);
    }
}
