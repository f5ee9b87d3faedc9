package nl.ketenbus.query.audience;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.events.OrganisationCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Who takes part in a youth's open case, as the case events say. A participation may carry the
 * last day it holds ({@code until}): a closed case's director organisation reads on for the
 * covenant's period; the read-model pass ends it after that day ({@link ReadModelRetention}).
 */
@Repository
class CaseParticipation {

    /** A participation holds through its last day, in the Netherlands. */
    static final String HOLDS = "(until is null or until >= (now() at time zone '" + Covenant.ZONE_NAME
            + "')::date)";

    private final JdbcTemplate jdbc;

    CaseParticipation(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The participants of each of these youths' open cases; youths without one are absent. */
    Map<String, Set<OrganisationCode>> of(Collection<String> subjectRefs) {
        Map<String, Set<OrganisationCode>> participants = new HashMap<>();
        jdbc.query("select subject_ref, organisation from case_participation where subject_ref = any(?::text[]) "
                        + "and " + HOLDS,
                row -> {
                    String subjectRef = row.getString(1);
                    OrganisationCode.byCode(row.getString(2)).ifPresent(organisation -> participants
                            .computeIfAbsent(subjectRef, key -> EnumSet.noneOf(OrganisationCode.class))
                            .add(organisation));
                }, (Object) subjectRefs.toArray(String[]::new));
        return participants;
    }

    void join(String subjectRef, OrganisationCode organisation) {
        jdbc.update("insert into case_participation (subject_ref, organisation) values (?, ?) "
                + "on conflict (subject_ref, organisation) do update set until = null", subjectRef,
                organisation.code());
    }

    void leave(String subjectRef, OrganisationCode organisation) {
        jdbc.update("delete from case_participation where subject_ref = ? and organisation = ?", subjectRef,
                organisation.code());
    }

    void close(String subjectRef) {
        jdbc.update("delete from case_participation where subject_ref = ?", subjectRef);
    }

    /** The case is closed: only the director's organisation reads on, through {@code until}. */
    void closeKeeping(String subjectRef, OrganisationCode director, LocalDate until) {
        jdbc.update("delete from case_participation where subject_ref = ? and organisation <> ?", subjectRef,
                director.code());
        jdbc.update("update case_participation set until = ? where subject_ref = ?", until, subjectRef);
    }

    /** The youths with a participation that ended before {@code day}. */
    List<String> endedBefore(LocalDate day) {
        return jdbc.queryForList("select distinct subject_ref from case_participation where until < ?", String.class,
                day);
    }

    /** Ends the youth's participations whose last day lies before {@code day}; whether any ended. */
    boolean end(String subjectRef, LocalDate day) {
        return jdbc.update("delete from case_participation where subject_ref = ? and until < ?", subjectRef, day) > 0;
    }
}
