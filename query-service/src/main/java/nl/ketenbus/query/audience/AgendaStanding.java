package nl.ketenbus.query.audience;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.assessment.TargetGroupOutcome;
import nl.ketenbus.events.casework.SignalMeetingDecision;
import nl.ketenbus.query.projection.BackboneEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Whether a youth is on the signal meeting's agenda, as the agenda itself shows it: a signal match
 * (which stays until retention removes it), or a latest assessment that proposes the youth for the
 * PGA or routes it to the ondermijning approach; until the meeting decides about it (a follow-up
 * keeps it there). A new match or a new outcome puts it back.
 */
@Repository
class AgendaStanding {

    private static final List<String> ON_THE_AGENDA = List.of(TargetGroupOutcome.CRIMINELE_AANWAS.name(),
            TargetGroupOutcome.ONDERMIJNING.name());

    private final JdbcTemplate jdbc;

    AgendaStanding(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The condition on a row of {@code agenda_standing} that the youth is on the agenda. */
    static final String ON_AGENDA = "(matched or proposed) and not decided";
    private static final String FOLLOW_UP = SignalMeetingDecision.FOLLOW_UP.name();

    boolean onAgenda(String subjectRef) {
        return !jdbc.queryForList("select subject_ref from agenda_standing where subject_ref = ? and " + ON_AGENDA,
                String.class, subjectRef).isEmpty();
    }

    /** Those of these youths that are on the agenda. */
    Set<String> onAgenda(Collection<String> subjectRefs) {
        return new HashSet<>(jdbc.queryForList("select subject_ref from agenda_standing "
                        + "where subject_ref = any(?::text[]) and " + ON_AGENDA, String.class,
                (Object) subjectRefs.toArray(String[]::new)));
    }

    /**
     * Decides the youth's standing again from what the timeline still holds (after retention removed
     * matches or assessments); true when the youth came onto the agenda or left it.
     */
    boolean recompute(String subjectRef) {
        boolean before = onAgenda(subjectRef);
        String decidedOutcome = jdbc.queryForList("select decided_outcome from agenda_standing where subject_ref = ?",
                String.class, subjectRef).stream().filter(Objects::nonNull).findFirst().orElse(null);
        boolean matched = !jdbc.queryForList("select 1 from timeline_entry where subject_ref = ? and event_type = ? "
                + "limit 1", Integer.class, subjectRef, EventCatalogue.SIGNALS_MATCHED.name()).isEmpty();
        String outcome = latestOutcome(subjectRef, null);
        boolean proposed = outcome != null && ON_THE_AGENDA.contains(outcome);
        boolean decided = decidedSince(subjectRef, decidedOutcome);
        jdbc.update("insert into agenda_standing (subject_ref, matched, proposed, decided, outcome) "
                + "values (?, ?, ?, ?, ?) on conflict (subject_ref) do update set matched = excluded.matched, "
                + "proposed = excluded.proposed, decided = excluded.decided, outcome = excluded.outcome",
                subjectRef, matched, proposed, decided, outcome);
        return before != onAgenda(subjectRef);
    }

    /** The outcome of the youth's latest assessment (recorded before {@code before}, when given). */
    private String latestOutcome(String subjectRef, Timestamp before) {
        return jdbc.queryForList("select data->>'outcome' from timeline_entry where subject_ref = ? "
                        + "and event_type = ? and recorded_at < coalesce(?, 'infinity'::timestamptz) "
                        + "order by recorded_at desc, event_id desc limit 1", String.class,
                subjectRef, EventCatalogue.TARGET_GROUP_ASSESSED.name(), before).stream().findFirst().orElse(null);
    }

    /**
     * Whether the meeting's latest decision still stands, as the live path keeps it: not a follow-up, no match
     * recorded after it, and every assessment recorded after it with the outcome of the decision's time. That
     * outcome is the one kept with the decision ({@code decided_outcome}, empty text for none), or, for a
     * decision recorded before it was kept, the latest assessment before the decision the timeline still holds.
     */
    private boolean decidedSince(String subjectRef, String keptOutcome) {
        List<Map<String, Object>> latest = jdbc.queryForList("select data->>'decision' as decision, recorded_at "
                + "from timeline_entry where subject_ref = ? and event_type = ? order by recorded_at desc, "
                + "event_id desc limit 1", subjectRef, EventCatalogue.SIGNAL_MEETING_DECIDED.name());
        if (latest.isEmpty() || FOLLOW_UP.equals(latest.get(0).get("decision"))) {
            return false;
        }
        Timestamp decidedAt = (Timestamp) latest.get(0).get("recorded_at");
        boolean matchedSince = !jdbc.queryForList("select 1 from timeline_entry where subject_ref = ? "
                + "and event_type = ? and recorded_at > ? limit 1", Integer.class, subjectRef,
                EventCatalogue.SIGNALS_MATCHED.name(), decidedAt).isEmpty();
        String outcomeThen = keptOutcome != null ? (keptOutcome.isEmpty() ? null : keptOutcome)
                : latestOutcome(subjectRef, decidedAt);
        boolean otherOutcomeSince = !jdbc.queryForList("select 1 from timeline_entry where subject_ref = ? "
                + "and event_type = ? and recorded_at > ? and data->>'outcome' is distinct from ? limit 1",
                Integer.class, subjectRef, EventCatalogue.TARGET_GROUP_ASSESSED.name(), decidedAt, outcomeThen)
                .isEmpty();
        return !matchedSince && !otherOutcomeSince;
    }

    void forget(String subjectRef) {
        jdbc.update("delete from agenda_standing where subject_ref = ?", subjectRef);
    }

    /**
     * Records what the event says about the agenda; true when the youth came onto it or left it. One
     * statement: the projection records every match, assessment and decision, and reading the standing
     * before and after in statements of their own tripled its round trips for these events (issue 21).
     */
    boolean record(BackboneEvent event) {
        boolean matched = event.type().equals(EventCatalogue.SIGNALS_MATCHED);
        boolean assessed = event.type().equals(EventCatalogue.TARGET_GROUP_ASSESSED);
        boolean decided = event.type().equals(EventCatalogue.SIGNAL_MEETING_DECIDED);
        if (matched) {
            return changed("insert into agenda_standing (subject_ref, matched, proposed) values (?, true, false) "
                    + "on conflict (subject_ref) do update set matched = true, decided = false", event.subjectRef());
        }
        if (assessed) {
            String outcome = event.data().path("outcome").asText();
            // The same outcome as the decision's (other counts) leaves it standing; another does not. Compared
            // with the outcome kept with the decision: the row's latest outcome is what retention left.
            return changed("insert into agenda_standing (subject_ref, matched, proposed, outcome) "
                    + "values (?, false, ?, ?) on conflict (subject_ref) do update set proposed = excluded.proposed, "
                    + "outcome = excluded.outcome, decided = agenda_standing.decided and (case when "
                    + "agenda_standing.decided_outcome is null then agenda_standing.outcome else "
                    + "nullif(agenda_standing.decided_outcome, '') end) is not distinct from excluded.outcome",
                    event.subjectRef(), ON_THE_AGENDA.contains(outcome), outcome);
        }
        if (decided) {
            boolean standing = !FOLLOW_UP.equals(event.data().path("decision").asText());
            // The outcome of the decision's time is kept with it: retention may later remove its assessment.
            return changed("insert into agenda_standing (subject_ref, matched, proposed, decided, decided_outcome) "
                    + "values (?, false, false, ?, '') on conflict (subject_ref) do update set decided = "
                    + "excluded.decided, decided_outcome = coalesce(agenda_standing.outcome, '')",
                    event.subjectRef(), standing);
        }
        return false;
    }

    /**
     * Runs the upsert of one youth's row (its first parameter the youth); true when that moved the youth
     * onto the agenda or off it. The {@code before} part reads the row as it was: every part of a
     * statement sees the database as it was when the statement began.
     */
    private boolean changed(String upsert, String subjectRef, Object... more) {
        Object[] parameters = new Object[more.length + 2];
        parameters[0] = subjectRef;
        parameters[1] = subjectRef;
        System.arraycopy(more, 0, parameters, 2, more.length);
        return Boolean.TRUE.equals(jdbc.queryForObject("with before as (select " + ON_AGENDA
                + " as on_agenda from agenda_standing where subject_ref = ?) " + upsert + " returning (" + ON_AGENDA
                + ") is distinct from coalesce((select on_agenda from before), false)", Boolean.class, parameters));
    }
}
