package nl.ketenbus.query.audience;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * aggregate-only rule names, recorded while the covenant was valid, of youths whose processing is not
 * restricted (ADR 0025). Never a single youth's row.
 */
@Repository
public class AggregateCounts {

    /**
     * What the counts are grouped by: the event's category, type or source, or fields of the events
     * (prefixed with the type): the kind of place, the signal's category and indicator, the Opium Act
     * offence's kind and registration (also per age group), the measure's legal article, the
     * intervention's type. A grouping by fields counts only the types that carry every field and whose
     * rule shows the audience those fields.
     */
    public enum GroupBy {
        CATEGORY("catalogue.data_category"), TYPE("t.event_type"), SOURCE("t.source_organisation"),
        PLACE_KIND(null, "placeKind"),
        SIGNAL(null, "category", "indicator"),
        OFFENCE_KIND(null, "kind", "registration"),
        /**
         * Offences by kind, registration and the youth's age group then (12-17, 18-21, other, or
         * unknown): the age in whole years on the youth's latest target-group assessment, moved by
         * the whole years between its reference date and the offence; the date of birth never leaves
         * the command side. Counted only where the audience may also count the assessments' age.
         */
        OFFENCE_AGE_GROUP(null, "kind", "registration"),
        LEGAL_ARTICLE(null, "legalArticle"),
        INTERVENTION(null, "type");

        private static final String AGE_GROUP = " || ' ' || coalesce((select case when age between 12 and 17 "
                + "then '12-17' when age between 18 and 21 then '18-21' else 'other' end from (select "
                + "(a.data->>'ageOnReferenceDate')::int + floor((t.occurred_at::date - "
                + "(a.data->>'referenceDate')::date) / 365.25)::int as age from timeline_entry a "
                + "where a.subject_ref = t.subject_ref and a.event_type = '"
                + EventCatalogue.TARGET_GROUP_ASSESSED.name() + "' order by a.occurred_at desc limit 1) assessed), "
                + "'unknown')";

        private final String column;
        /** The fields the grouping reads: only types that carry them all, shown, are counted. */
        private final List<String> fields;

        GroupBy(String column, String... fields) {
            this.fields = List.of(fields);
            this.column = column != null ? column : fieldColumn(this.fields);
        }

        private static String fieldColumn(List<String> fields) {
            StringBuilder column = new StringBuilder("t.event_type");
            for (String field : fields) {
                column.append(" || ' ' || coalesce(t.data->>'").append(field).append("', '')");
            }
            return column.toString();
        }

        String column() {
            return this == OFFENCE_AGE_GROUP ? column + AGE_GROUP : column;
        }

        /** Whether events of this type and source are counted in this grouping (the rule shows its fields). */
        boolean counts(Covenant covenant, EventType type, OrganisationCode source, Audience audience) {
            for (String field : fields) {
                if (Arrays.stream(type.payloadType().getRecordComponents())
                        .noneMatch(component -> component.getName().equals(field))
                        || !covenant.aggregateGroupsBy(type, source, audience, covenant.validFrom(), field)) {
                    return false;
                }
            }
            return this != OFFENCE_AGE_GROUP || Arrays.stream(OrganisationCode.values()).anyMatch(assessor ->
                    covenant.aggregateGroupsBy(EventCatalogue.TARGET_GROUP_ASSESSED, assessor, audience,
                            covenant.validFrom(), "ageOnReferenceDate"));
        }
    }

    /**
     * One group: how many events, about how many different youths, and the fewest youths it has in
     * any one unit of the period where it has any (a period is whole units; a cell is shown only
     * when each of its units would be, so that no two periods differ by a withheld unit).
     */
    public record Count(String group, long events, long youths, long fewestInAUnit) {
    }

    private final JdbcTemplate jdbc;

    AggregateCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts of the events that occurred in [from, to) that the covenant lets the audience count, grouped. */
    public List<Count> count(Covenant covenant, Audience audience, Instant from, Instant to, GroupBy groupBy,
                             PeriodUnit unit) {
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
        // Each group over the whole period, and per unit (in the Netherlands' calendar) for the unit rule.
        String sql = "select grp, unit, count(*) as events, count(distinct subject_ref) as youths from (select "
                + groupBy.column() + " as grp, " + unit.key() + " as unit, t.subject_ref from timeline_entry t "
                + "join unnest(?::text[], ?::text[]) as catalogue(event_type, data_category) "
                + "on catalogue.event_type = t.event_type "
                + "where t.occurred_at >= ? and t.occurred_at < ? and t.recorded_at >= ? and t.recorded_at < ? "
                + "and t.event_type || '|' || t.source_organisation = any(?::text[]) "
                // A youth whose processing is restricted is kept and not used, not even counted (ADR 0025).
                + "and not exists (select 1 from processing_restriction r where r.subject_ref = t.subject_ref "
                + "and r.lifted_at is null) "
                // A signal its partner withdrew (raised in error, about the wrong youth, twice) no longer counts.
                + "and not (t.event_type = '" + EventCatalogue.SIGNAL_RAISED.name() + "' and exists (select 1 "
                + "from timeline_entry w where w.subject_ref = t.subject_ref and w.event_type = '"
                + EventCatalogue.SIGNAL_WITHDRAWN.name() + "' and w.source_organisation = t.source_organisation "
                + "and w.data ->> 'signalId' = t.data ->> 'signalId'))) counted "
                + "group by grouping sets ((grp), (grp, unit)) order by grp";
        Object[] parameters = {EventCatalogue.all().stream().map(EventType::name).toArray(String[]::new),
                EventCatalogue.all().stream().map(type -> type.category().name()).toArray(String[]::new),
                Timestamp.from(from), Timestamp.from(to), Timestamp.from(validFrom), Timestamp.from(validUntil),
                countable.toArray(String[]::new)};
        Map<String, long[]> totals = new LinkedHashMap<>();
        Map<String, Long> fewest = new HashMap<>();
        jdbc.query(sql, row -> {
            String group = row.getString("grp");
            if (row.getString("unit") == null) {
                totals.put(group, new long[] {row.getLong("events"), row.getLong("youths")});
            } else {
                fewest.merge(group, row.getLong("youths"), Math::min);
            }
        }, parameters);
        List<Count> counts = new ArrayList<>();
        totals.forEach((group, total) -> counts.add(new Count(group, total[0], total[1], fewest.get(group))));
        return counts;
    }
}
