package nl.ketenbus.command.identity;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Whether a pseudonym names a youth this side knows: every youth's stream starts with its registration,
 * and stays (cut down to its erasure, ADR 0024) once the youth is erased. For the internal calls that act
 * on a youth the query side names.
 */
@Repository
class RegisteredSubjects {

    private final JdbcTemplate jdbc;

    RegisteredSubjects(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean registered(String subjectRef) {
        return jdbc.queryForObject("select exists (select 1 from domain_event_entry where aggregate_identifier = ?)",
                Boolean.class, subjectRef);
    }
}
