package nl.ketenbus.query.audience;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.Standing;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.query.projection.BackboneEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Decides what every audience of a generation sees of an event, and decides a youth's whole
 * history again (when case membership changes, and in a replay). The covenant is asked for the day
 * the event was recorded, never for the day of deciding, so that the entries depend only on the
 * history and the covenant.
 */
@Component
public class AudienceDecisions {

    /** The stored history, as {@link #eventOf} reads it back. */
    private static final String HISTORY = "select event_id, event_type, source, source_organisation, subject_ref, "
            + "occurred_at, recorded_at, stream_sequence, data, actor, traceparent from timeline_entry ";

    private final CaseParticipation participation;
    private final AgendaStanding agenda;
    private final AudienceEntries entries;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    AudienceDecisions(CaseParticipation participation, AgendaStanding agenda, AudienceEntries entries,
                      JdbcTemplate jdbc) {
        this.participation = participation;
        this.agenda = agenda;
        this.entries = entries;
        this.jdbc = jdbc;
    }

    /**
     * How these youths stand now: their cases' participants and whether they are on the agenda. One
     * query for all of them: the live projection asks it for every run of events.
     */
    Map<String, YouthStanding> standingsOf(Collection<String> subjectRefs) {
        Map<String, YouthStanding> standings = new HashMap<>();
        jdbc.query("select s.ref, array(select organisation from case_participation "
                        + "where case_participation.subject_ref = s.ref and " + CaseParticipation.HOLDS + "), "
                        + "exists (select 1 from agenda_standing where agenda_standing.subject_ref = s.ref and "
                        + AgendaStanding.ON_AGENDA + ") from unnest(?::text[]) as s(ref)",
                row -> {
                    Set<OrganisationCode> participants = EnumSet.noneOf(OrganisationCode.class);
                    for (String code : (String[]) row.getArray(2).getArray()) {
                        OrganisationCode.byCode(code).ifPresent(participants::add);
                    }
                    standings.put(row.getString(1), new YouthStanding(participants, row.getBoolean(3)));
                }, (Object) subjectRefs.toArray(String[]::new));
        return standings;
    }

    /** Decides every audience's entries of these events in the generation, each with its youth's standing. */
    List<AudienceEntries.Decided> decideAll(Generation generation, List<BackboneEvent> events,
                                            Map<String, YouthStanding> standings) {
        List<AudienceEntries.Decided> decided = new ArrayList<>();
        for (BackboneEvent event : events) {
            decided.addAll(decide(generation, event, standings.getOrDefault(event.subjectRef(), YouthStanding.NONE)));
        }
        return decided;
    }

    List<AudienceEntries.Decided> decide(Generation generation, BackboneEvent event, YouthStanding standing) {
        List<AudienceEntries.Decided> decided = new ArrayList<>();
        LocalDate recorded = Covenant.dayOf(event.recordedAt().toInstant());
        for (Audience audience : generation.audiences()) {
            generation.covenant().grant(event.type(), event.organisation(), audience,
                            standing.towards(audience.organisation()), recorded)
                    .filter(grant -> grant.reaches(audience.organisation(), event.data()))
                    .ifPresent(grant -> decided.add(new AudienceEntries.Decided(generation.number(), audience, event,
                            Redaction.of(event.data(), grant), grant)));
        }
        return decided;
    }

    /**
     * Replaces the youths' entries in the generation by a fresh decision over their history and
     * current standing (case membership, agenda). The caller holds the youths' locks. Returns the
     * events decided.
     */
    long redecide(Generation generation, Collection<String> subjectRefs) {
        entries.deleteSubjects(generation.number(), subjectRefs);
        Map<String, Set<OrganisationCode>> participants = participation.of(subjectRefs);
        Set<String> onAgenda = agenda.onAgenda(subjectRefs);
        List<AudienceEntries.Decided> decided = new ArrayList<>();
        long[] events = {0};
        jdbc.query(HISTORY + "where subject_ref = any(?::text[]) order by subject_ref, recorded_at, event_id", row -> {
                    BackboneEvent event = eventOf(row);
                    decided.addAll(decide(generation, event, new YouthStanding(
                            participants.getOrDefault(event.subjectRef(), Set.of()),
                            onAgenda.contains(event.subjectRef()))));
                    events[0]++;
                }, (Object) subjectRefs.toArray(String[]::new));
        entries.insertAll(decided);
        return events[0];
    }

    /**
     * Break-glass: what the audience would see of the youth if it took part in the youth's case,
     * decided now from the history (not stored), oldest first. Rules that are not need-to-know
     * rules still decide exactly as usual, so nothing beyond the covenant's rules is shown.
     */
    public List<AudienceEntries.Entry> asParticipant(Generation generation, Audience audience, String subjectRef) {
        List<AudienceEntries.Entry> shown = new ArrayList<>();
        boolean onAgenda = agenda.onAgenda(subjectRef);
        jdbc.query(HISTORY + "where subject_ref = ? order by occurred_at, recorded_at, stream_sequence, event_id",
                row -> {
                    BackboneEvent event = eventOf(row);
                    generation.covenant().grant(event.type(), event.organisation(), audience,
                                    new Standing(true, onAgenda),
                                    Covenant.dayOf(event.recordedAt().toInstant()))
                            .filter(grant -> grant.reaches(audience.organisation(), event.data()))
                            .ifPresent(grant -> {
                                Redaction redaction = Redaction.of(event.data(), grant);
                                shown.add(new AudienceEntries.Entry(event.id(), event.type().name(),
                                        event.type().category().name(), event.organisation().code(),
                                        event.occurredAt().toInstant(), event.recordedAt().toInstant(),
                                        redaction.shown(), redaction.redacted(), grant.ruleId(), grant.covenantId(),
                                        grant.covenantVersion(), event.traceId() == null ? "" : event.traceId()));
                            });
                }, subjectRef);
        return shown;
    }

    private BackboneEvent eventOf(ResultSet row) throws SQLException {
        try {
            return new BackboneEvent(row.getString("event_id"),
                    EventCatalogue.byName(row.getString("event_type")).orElseThrow(), row.getString("source"),
                    OrganisationCode.byCode(row.getString("source_organisation")).orElseThrow(),
                    row.getString("subject_ref"),
                    OffsetDateTime.ofInstant(row.getTimestamp("occurred_at").toInstant(), ZoneOffset.UTC),
                    OffsetDateTime.ofInstant(row.getTimestamp("recorded_at").toInstant(), ZoneOffset.UTC),
                    (Long) row.getObject("stream_sequence"), json.readTree(row.getString("data")),
                    row.getString("actor"), row.getString("traceparent"));
        } catch (JsonProcessingException e) {
            // Its class, not its message: the parser quotes the stored text, which may name the youth.
            throw new IllegalStateException("timeline_entry.data is not JSON: " + e.getClass().getSimpleName());
        }
    }
}
