package nl.ketenbus.query.audience;

import java.util.EnumSet;
import java.util.Set;

import nl.ketenbus.events.OrganisationCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Who takes part in a youth's open case, as the case events say. */
@Repository
class CaseParticipation {

    private final JdbcTemplate jdbc;

    CaseParticipation(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Set<OrganisationCode> of(String subjectRef) {
        Set<OrganisationCode> participants = EnumSet.noneOf(OrganisationCode.class);
        jdbc.query("select organisation from case_participation where subject_ref = ?",
                row -> {
                    OrganisationCode.byCode(row.getString(1)).ifPresent(participants::add);
                }, subjectRef);
        return participants;
    }

    void join(String subjectRef, OrganisationCode organisation) {
        jdbc.update("insert into case_participation (subject_ref, organisation) values (?, ?) on conflict do nothing",
                subjectRef, organisation.code());
    }

    void leave(String subjectRef, OrganisationCode organisation) {
        jdbc.update("delete from case_participation where subject_ref = ? and organisation = ?", subjectRef,
                organisation.code());
    }

    void close(String subjectRef) {
        jdbc.update("delete from case_participation where subject_ref = ?", subjectRef);
    }
}
