package nl.ketenbus.query.casework;

import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which youth a case number belongs to (each youth's latest case, query V11's case_direction). */
@Repository
class CaseNumbers {

    private final JdbcTemplate jdbc;

    CaseNumbers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> subjectOf(String caseId) {
        return jdbc.queryForList("select subject_ref from case_direction where case_id = ?", String.class, caseId)
                .stream().findFirst();
    }
}
