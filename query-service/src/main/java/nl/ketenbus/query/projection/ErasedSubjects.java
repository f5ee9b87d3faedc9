package nl.ketenbus.query.projection;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The youths erased, so that nothing of theirs is projected again. */
@Repository
class ErasedSubjects {

    private final JdbcTemplate jdbc;

    ErasedSubjects(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Those of these youths that were erased. */
    Set<String> among(Collection<String> subjectRefs) {
        return new HashSet<>(jdbc.queryForList("select subject_ref from erased_subject "
                + "where subject_ref = any(?::text[])", String.class, (Object) subjectRefs.toArray(String[]::new)));
    }

    void record(String subjectRef, Instant erasedAt) {
        jdbc.update("insert into erased_subject (subject_ref, erased_at) values (?, ?) on conflict do nothing",
                subjectRef, Timestamp.from(erasedAt));
    }
}
