package nl.ketenbus.query.audience;

import java.time.LocalDate;
import java.util.Optional;

import nl.ketenbus.covenant.Covenant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Who directs each youth's PGA case in person, as the case events say ({@code case_direction}):
 * the reader for whom the covenant's case-director rules hold, while the case is open and, once it
 * is closed, for the covenant's {@code closedCaseReading} period.
 */
@Repository
public class CaseDirection {

    /** The youth's latest case: its director (null until one is assigned) and the day it was closed, if it was. */
    public record Direction(String caseId, String directorUserId, LocalDate closedOn) {

        /** Whether {@code user} directs this case in person on {@code day}, under the covenant's reading period. */
        public boolean directedBy(String user, Covenant covenant, LocalDate day) {
            return user != null && user.equals(directorUserId)
                    && (closedOn == null || !day.isAfter(closedOn.plus(covenant.closedCaseReading())));
        }
    }

    private final JdbcTemplate jdbc;

    CaseDirection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Direction> of(String subjectRef) {
        return jdbc.query("select case_id, director_user_id, closed_on from case_direction where subject_ref = ?",
                (row, index) -> new Direction(row.getString(1), row.getString(2),
                        row.getObject(3, LocalDate.class)), subjectRef).stream().findFirst();
    }

    void opened(String subjectRef, String caseId) {
        jdbc.update("insert into case_direction (subject_ref, case_id) values (?, ?) on conflict (subject_ref) "
                + "do update set case_id = excluded.case_id, director_user_id = null, closed_on = null", subjectRef,
                caseId);
    }

    void assigned(String subjectRef, String caseId, String directorUserId) {
        jdbc.update("update case_direction set director_user_id = ? where subject_ref = ? and case_id = ?",
                directorUserId, subjectRef, caseId);
    }

    void closed(String subjectRef, String caseId, LocalDate day) {
        jdbc.update("update case_direction set closed_on = ? where subject_ref = ? and case_id = ?", day, subjectRef,
                caseId);
    }

    void erase(String subjectRef) {
        jdbc.update("delete from case_direction where subject_ref = ?", subjectRef);
    }
}
