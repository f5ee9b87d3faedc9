package nl.ketenbus.query.audience;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.SharingRule;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.casework.CaseClosed;
import nl.ketenbus.events.casework.CaseOpened;
import nl.ketenbus.events.casework.CaseParticipantAdded;
import nl.ketenbus.events.casework.CaseParticipantRemoved;
import nl.ketenbus.query.projection.BackboneEvent;
import nl.ketenbus.query.projection.Projection;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects every event for every audience the covenant names, as {@code covenant.grant} decides.
 * A pure function of the event history and the covenant: the covenant is asked for the day the
 * event was recorded, never for the day of projecting. Runs after the timeline projection, whose
 * history it re-reads when a youth's case membership changes.
 */
@Component
@Order(2)
class AudienceProjection implements Projection {

    private final Covenant covenant;
    private final CaseParticipation participation;
    private final AudienceEntries entries;
    private final JdbcTemplate jdbc;
    private final List<Audience> audiences;
    private final ObjectMapper json = new ObjectMapper();

    AudienceProjection(Covenant covenant, CaseParticipation participation, AudienceEntries entries, JdbcTemplate jdbc) {
        this.covenant = covenant;
        this.participation = participation;
        this.entries = entries;
        this.jdbc = jdbc;
        Set<Audience> named = new LinkedHashSet<>();
        for (SharingRule rule : covenant.rules()) {
            if (!rule.aggregateOnly()) {
                named.add(new Audience(rule.toOrganisation(), rule.toRole(), rule.purpose()));
            }
        }
        this.audiences = List.copyOf(named);
    }

    @Override
    public void apply(BackboneEvent event) {
        if (changesMembership(event)) {
            // Who may see this youth's history changed: decide it all again, this event included.
            refresh(event.subjectRef());
        } else {
            evaluate(event, participation.of(event.subjectRef()));
        }
    }

    private boolean changesMembership(BackboneEvent event) {
        Class<?> type = event.type().payloadType();
        if (type == CaseOpened.class) {
            participation.join(event.subjectRef(), event.organisation());
        } else if (type == CaseParticipantAdded.class) {
            participation.join(event.subjectRef(), organisationIn(event));
        } else if (type == CaseParticipantRemoved.class) {
            participation.leave(event.subjectRef(), organisationIn(event));
        } else if (type == CaseClosed.class) {
            participation.close(event.subjectRef());
        } else {
            return false;
        }
        return true;
    }

    private void evaluate(BackboneEvent event, Set<OrganisationCode> participants) {
        for (Audience audience : audiences) {
            covenant.grant(event.type(), event.organisation(), audience, participants.contains(audience.organisation()),
                            event.recordedAt().toLocalDate())
                    .ifPresent(grant -> entries.insert(audience, event, Redaction.of(event.data(), grant), grant));
        }
    }

    private void refresh(String subjectRef) {
        entries.deleteSubject(subjectRef);
        Set<OrganisationCode> participants = participation.of(subjectRef);
        jdbc.query("select event_id, event_type, source, source_organisation, occurred_at, recorded_at, stream_sequence, "
                + "data from timeline_entry where subject_ref = ? order by recorded_at, event_id", row -> {
                    try {
                        evaluate(new BackboneEvent(row.getString("event_id"),
                                EventCatalogue.byName(row.getString("event_type")).orElseThrow(), row.getString("source"),
                                OrganisationCode.byCode(row.getString("source_organisation")).orElseThrow(), subjectRef,
                                OffsetDateTime.ofInstant(row.getTimestamp("occurred_at").toInstant(), ZoneOffset.UTC),
                                OffsetDateTime.ofInstant(row.getTimestamp("recorded_at").toInstant(), ZoneOffset.UTC),
                                (Long) row.getObject("stream_sequence"), json.readTree(row.getString("data"))),
                                participants);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("timeline_entry.data is not JSON", e);
                    }
                }, subjectRef);
    }

    private static OrganisationCode organisationIn(BackboneEvent event) {
        return OrganisationCode.valueOf(event.data().get("organisation").asText());
    }
}
