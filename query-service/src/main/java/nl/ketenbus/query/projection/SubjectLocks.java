package nl.ketenbus.query.projection;

import java.util.Collection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Transaction-scoped locks per youth, taken by the live projection for the youths of its batch and
 * by the replay for the youths it re-decides, so that a replayed youth never misses an event that
 * was being projected at the same moment. Both take their locks in one global order (the lock key),
 * so they cannot deadlock. A held backbone record applied again (ADR 0033) takes its youth's lock before it
 * locks its parked row, as the live projection does before an erasure deletes that row.
 */
@Component
public class SubjectLocks {

    /** Namespace of these advisory locks (first key), so that they never meet another use. */
    private static final int NAMESPACE = 1263;

    private final JdbcTemplate jdbc;

    SubjectLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void lock(Collection<String> subjectRefs) {
        if (subjectRefs.isEmpty()) {
            return;
        }
        jdbc.queryForObject("select count(pg_advisory_xact_lock(" + NAMESPACE + ", k)) from "
                + "(select distinct hashtext(s) as k from unnest(?::text[]) as s order by k) as ordered",
                Long.class, (Object) subjectRefs.toArray(String[]::new));
    }
}
