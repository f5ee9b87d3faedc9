package nl.ketenbus.query.audience;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Counts for aggregate-only audiences (analyst, report), taken from the stored history when asked,
 * of exactly the events the covenant lets the audience count: those of a type and source an
 * aggregate-only rule names, recorded while the covenant was valid. Never a single youth's row.
 */
@Repository
public class AggregateCounts {

    /**
     * What the counts are grouped by: the event's category, type or source, or the kind of place the
     * events name (offences, dealing locations, the mayor's measures), counted only for the types whose
     * rule shows the audience the kind of place.
     */
    public enum GroupBy {
        CATEGORY("catalogue.data_category", null), TYPE("t.event_type", null), SOURCE("t.source_organisation", null),
        PLACE_KIND("t.event_type || ' ' || (t.data->>'placeKind')", "placeKind");

        private final String column;
        /** The field the grouping reads, when it reads one: only types that carry it, shown, are counted. */
        private final String field;

        GroupBy(String column, String field) {
            this.column = column;
            this.field = field;
        }

        /** Whether events of this type and source are counted in this grouping (the rule shows its field). */
        boolean counts(Covenant covenant, EventType type, OrganisationCode source, Audience audience) {
            return field == null || (Arrays.stream(type.payloadType().getRecordComponents())
                    .anyMatch(component -> component.getName().equals(field))
                    && covenant.aggregateGroupsBy(type, source, audience, covenant.validFrom(), field));
        }
    }

    /** One group: how many events, about how many different youths. */
    public record Count(String group, long events, long youths) {
    }

    private final JdbcTemplate jdbc;

    AggregateCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts of the events that occurred in [from, to) that the covenant lets the audience count, grouped. */
    public List<Count> count(Covenant covenant, Audience audience, Instant from, Instant to, GroupBy groupBy) {
        List<String> countable = new ArrayList<>();
        for (EventType type : EventCatalogue.all()) {
            for (OrganisationCode source : OrganisationCode.values()) {
                if (covenant.aggregateGrant(type, source, audience, covenant.validFrom()).isPresent()
                        && groupBy.counts(covenant, type, source, audience)) {
                    countable.add(type.name() + "|" + source.code());
                }
            }
        }
        if (countable.isEmpty()) {
            return List.of();
        }
        Instant validFrom = covenant.validFrom().atStartOfDay(Covenant.ZONE).toInstant();
        Instant validUntil = covenant.validTo() == null ? Instant.parse("9999-12-31T00:00:00Z")
                : covenant.validTo().plusDays(1).atStartOfDay(Covenant.ZONE).toInstant();
        // The history does not store the data category: it comes from the catalogue, joined by type.
        String sql = "select " + groupBy.column + " as grp, count(*) as events, count(distinct t.subject_ref) as youths "
                + "from timeline_entry t join unnest(?::text[], ?::text[]) as catalogue(event_type, data_category) "
                + "on catalogue.event_type = t.event_type "
                + "where t.occurred_at >= ? and t.occurred_at < ? and t.recorded_at >= ? and t.recorded_at < ? "
                + "and t.event_type || '|' || t.source_organisation = any(?::text[]) group by grp order by grp";
        Object[] parameters = {EventCatalogue.all().stream().map(EventType::name).toArray(String[]::new),
                EventCatalogue.all().stream().map(type -> type.category().name()).toArray(String[]::new),
                Timestamp.from(from), Timestamp.from(to), Timestamp.from(validFrom), Timestamp.from(validUntil),
                countable.toArray(String[]::new)};
        return jdbc.query(sql, (row, index) -> new Count(row.getString("grp"), row.getLong("events"),
                row.getLong("youths")), parameters);
    }
}
