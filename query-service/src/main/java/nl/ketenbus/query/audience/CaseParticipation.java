package nl.ketenbus.query.audience;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
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

    /** The participants of each of these youths' open cases; youths without one are absent. */
    Map<String, Set<OrganisationCode>> of(Collection<String> subjectRefs) {
        Map<String, Set<OrganisationCode>> participants = new HashMap<>();
        jdbc.query("select subject_ref, organisation from case_participation where subject_ref = any(?::text[])",
                row -> {
                    String subjectRef = row.getString(1);
                    OrganisationCode.byCode(row.getString(2)).ifPresent(organisation -> participants
                            .computeIfAbsent(subjectRef, key -> EnumSet.noneOf(OrganisationCode.class))
                            .add(organisation));
                }, (Object) subjectRefs.toArray(String[]::new));
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
