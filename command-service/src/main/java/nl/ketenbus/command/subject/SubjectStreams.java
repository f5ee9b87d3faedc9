package nl.ketenbus.command.subject;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import nl.ketenbus.command.transaction.TransactionScoped;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The youth's stream as the database has it, for every node (ADR 0010): a transaction-scoped
 * advisory lock per youth, so that nodes (and threads) decide about one youth in turn, and the
 * stream's last sequence number as it was once the lock was held, so that a node notices what
 * another node appended since it last looked. The locks are held until the transaction ends.
 * Youths locked together are locked in one global order, in one round trip
 * ({@code lock_subject_streams}, Flyway V6); their versions are remembered for the transaction, so
 * loading them afterwards costs no further round trip.
 */
@Component
public class SubjectStreams {

    private static final Object LOCKED = new Object();

    private final JdbcTemplate jdbc;

    SubjectStreams(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the youths' streams for the current transaction, before any of them is loaded: an intake
     * group locks all its youths at once, in the global order, so that two nodes deciding overlapping
     * groups wait instead of deadlocking.
     */
    public void lock(Collection<String> subjectRefs) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("a youth's stream is locked for a transaction; there is none");
        }
        Map<String, Optional<Long>> locked = lockedInThisTransaction();
        // Asked again for youths a group loads, nearly always already locked: a plain loop that makes no
        // collection then (the lock was 3.1 % of the intake's allocation, about half of it a stream pipeline
        // made at every call: docs/benchmarks.md).
        Set<String> missing = null;
        for (String subject : subjectRefs) {
            if (!locked.containsKey(subject)) {
                if (missing == null) {
                    missing = new LinkedHashSet<>();
                }
                missing.add(subject);
            }
        }
        if (missing == null) {
            return;
        }
        missing.forEach(subject -> locked.put(subject, Optional.empty()));
        jdbc.query("select subject_ref, last_sequence from lock_subject_streams(?::text[])",
                row -> {
                    locked.put(row.getString(1), Optional.of(row.getLong(2)));
                }, (Object) missing.toArray(String[]::new));
    }

    /**
     * The youth's last sequence number (null: no events yet), with its stream locked for the current
     * transaction; no round trip when it was locked before in this transaction.
     */
    Long lockAndReadVersion(String subjectRef) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return jdbc.queryForObject("select max(sequence_number) from domain_event_entry "
                    + "where aggregate_identifier = ?", Long.class, subjectRef);
        }
        Optional<Long> version = lockedInThisTransaction().get(subjectRef);
        if (version == null) {
            lock(List.of(subjectRef));
            version = lockedInThisTransaction().get(subjectRef);
        }
        return version.orElse(null);
    }

    /** What this transaction locked, with the versions read then; forgotten when it ends. */
    private static Map<String, Optional<Long>> lockedInThisTransaction() {
        return TransactionScoped.map(LOCKED);
    }
}
