package nl.ketenbus.query.audience;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.assessment.TargetGroupOutcome;
import nl.ketenbus.query.projection.BackboneEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Whether a youth is on the signal meeting's agenda, as the agenda itself shows it: a signal match
 * (which stays until retention removes it), or a latest assessment that proposes the youth for the
 * PGA or routes it to the ondermijning approach.
 */
@Repository
class AgendaStanding {

    private static final List<String> ON_THE_AGENDA = List.of(TargetGroupOutcome.CRIMINELE_AANWAS.name(),
            TargetGroupOutcome.ONDERMIJNING.name());

    private final JdbcTemplate jdbc;

    AgendaStanding(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean onAgenda(String subjectRef) {
        return !jdbc.queryForList("select subject_ref from agenda_standing where subject_ref = ? "
                + "and (matched or proposed)", String.class, subjectRef).isEmpty();
    }

    /** Those of these youths that are on the agenda. */
    Set<String> onAgenda(Collection<String> subjectRefs) {
        return new HashSet<>(jdbc.queryForList("select subject_ref from agenda_standing "
                        + "where subject_ref = any(?::text[]) and (matched or proposed)", String.class,
                (Object) subjectRefs.toArray(String[]::new)));
    }

    /**
     * Decides the youth's standing again from what the timeline still holds (after retention removed
     * matches or assessments); true when the youth came onto the agenda or left it.
     */
    boolean recompute(String subjectRef) {
        boolean before = onAgenda(subjectRef);
        boolean matched = !jdbc.queryForList("select 1 from timeline_entry where subject_ref = ? and event_type = ? "
                + "limit 1", Integer.class, subjectRef, EventCatalogue.SIGNALS_MATCHED.name()).isEmpty();
        boolean proposed = jdbc.queryForList("select data->>'outcome' from timeline_entry where subject_ref = ? "
                        + "and event_type = ? order by recorded_at desc, event_id desc limit 1", String.class,
                subjectRef, EventCatalogue.TARGET_GROUP_ASSESSED.name()).stream().anyMatch(ON_THE_AGENDA::contains);
        jdbc.update("insert into agenda_standing (subject_ref, matched, proposed) values (?, ?, ?) "
                + "on conflict (subject_ref) do update set matched = excluded.matched, proposed = excluded.proposed",
                subjectRef, matched, proposed);
        return before != (matched || proposed);
    }

    void forget(String subjectRef) {
        jdbc.update("delete from agenda_standing where subject_ref = ?", subjectRef);
    }

    /** Records what the event says about the agenda; true when the youth came onto it or left it. */
    boolean record(BackboneEvent event) {
        boolean matched = event.type().equals(EventCatalogue.SIGNALS_MATCHED);
        boolean assessed = event.type().equals(EventCatalogue.TARGET_GROUP_ASSESSED);
        if (!matched && !assessed) {
            return false;
        }
        boolean before = onAgenda(event.subjectRef());
        if (matched) {
            jdbc.update("insert into agenda_standing (subject_ref, matched, proposed) values (?, true, false) "
                    + "on conflict (subject_ref) do update set matched = true", event.subjectRef());
        } else {
            boolean proposed = ON_THE_AGENDA.contains(event.data().path("outcome").asText());
            jdbc.update("insert into agenda_standing (subject_ref, matched, proposed) values (?, false, ?) "
                    + "on conflict (subject_ref) do update set proposed = excluded.proposed", event.subjectRef(),
                    proposed);
        }
        return onAgenda(event.subjectRef()) != before;
    }
}
