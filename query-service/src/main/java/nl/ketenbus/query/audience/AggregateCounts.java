package nl.ketenbus.query.audience;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.Grant;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Counts for aggregate-only audiences (analyst, report), taken from the stored history when asked,
 * of exactly the events the covenant lets the audience count: those of a type and source an
 * aggregate-only rule names, recorded while the covenant was valid, of youths whose processing is not
 * restricted (ADR 0025). Never a single youth's row. These are the true counts with their cell keys;
 * what an audience is shown is perturbed and withheld by the disclosure control (ADR 0035).
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
         * unknown): the age in whole years on the youth's target-group assessment whose reference date
         * is nearest the offence's registration, moved by the whole years between the two; the date of
         * birth never leaves the command side. Counted only where the audience may also count the assessments' age.
         */
        OFFENCE_AGE_GROUP(null, "kind", "registration"),
        LEGAL_ARTICLE(null, "legalArticle"),
        INTERVENTION(null, "type");

        /** The day the fact occurred, in the Netherlands. */
        private static final String OFFENCE_DAY = "(t.occurred_at at time zone '" + Covenant.ZONE_NAME + "')::date";
        /**
         * The age then: the assessment whose reference date is nearest the day the offence was
         * registered, its age moved by the whole years between the two, counted towards nought (a day
         * before the reference date is the same age, not a year younger).
         */
        private static final String AGE_GROUP = " || ' ' || coalesce((select case when age between 12 and 17 "
                + "then '12-17' when age between 18 and 21 then '18-21' else 'other' end from (select "
                + "(a.data->>'ageOnReferenceDate')::int + date_part('year', age(" + OFFENCE_DAY
                + ", (a.data->>'referenceDate')::date))::int as age from timeline_entry a "
                + "where a.subject_ref = t.subject_ref and a.event_type = '"
                + EventCatalogue.TARGET_GROUP_ASSESSED.name() + "' order by abs(" + OFFENCE_DAY
                + " - (a.data->>'referenceDate')::date), a.occurred_at desc limit 1) assessed), 'unknown')";

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
     * What was counted in one group, or in one unit of the period: how many events, about how many
     * different youths, and the cell keys of each (ADR 0035): the sum of the youths' (the events')
     * record keys modulo {@link #KEY_RANGE}, each record key taken from a keyed hash of the pseudonym
     * (the event's id) with the database's secret, so that the same youths always give the same key.
     */
    public record Tally(long events, long eventsKey, long youths, long youthsKey) {
    }

    /** One group over the whole period, and in each unit of the period where it has any youth. */
    public record Count(String group, Tally total, List<Tally> units) {
    }

    /**
     * What a grouping counts for an audience: the event types and sources ("type|source") its
     * aggregate-only rules let it count and group so, and those rules.
     */
    public record Countable(List<String> typesAndSources, List<String> rules) {
    }

    /** Record and cell keys are whole numbers below 2^48 (the first twelve hex digits of an MD5). */
    public static final long KEY_RANGE = 1L << 48;

    private final JdbcTemplate jdbc;

    AggregateCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The types and sources the covenant lets the audience count in this grouping, with the rules. */
    public Countable countable(Covenant covenant, Audience audience, GroupBy groupBy) {
        List<String> countable = new ArrayList<>();
        TreeSet<String> rules = new TreeSet<>();
        for (EventType type : EventCatalogue.all()) {
            for (OrganisationCode source : OrganisationCode.values()) {
                Optional<Grant> grant = covenant.aggregateGrant(type, source, audience, covenant.validFrom());
                if (grant.isPresent() && groupBy.counts(covenant, type, source, audience)) {
                    countable.add(type.name() + "|" + source.code());
                    rules.add(grant.get().ruleId());
                }
            }
        }
        return new Countable(List.copyOf(countable), List.copyOf(rules));
    }

    /** Counts of the countable events that occurred in [from, to), recorded while the covenant was valid. */
    public List<Count> count(Covenant covenant, Countable countable, Instant from, Instant to, GroupBy groupBy,
                             PeriodUnit unit) {
        if (countable.typesAndSources().isEmpty()) {
            return List.of();
        }
        Instant validFrom = covenant.validFrom().atStartOfDay(Covenant.ZONE).toInstant();
        Instant validUntil = covenant.validTo() == null ? Instant.parse("9999-12-31T00:00:00Z")
                : covenant.validTo().plusDays(1).atStartOfDay(Covenant.ZONE).toInstant();
        // The history does not store the data category: it comes from the catalogue, joined by type.
        // Each group over the whole period, and per unit (in the Netherlands' calendar) for the unit rule.
        // The record keys are keyed hashes with the secret the database made and keeps (ADR 0035); a
        // youth's key is summed once per cell (distinct: two youths share a 48-bit key by chance only).
        String sql = "select grp, unit, count(*) as events, mod(sum(event_key), " + KEY_RANGE + ") as events_key, "
                + "count(distinct subject_ref) as youths, mod(sum(distinct youth_key), " + KEY_RANGE
                + ") as youths_key from (select " + groupBy.column() + " as grp, " + unit.key() + " as unit, "
                + "t.subject_ref, " + recordKey("t.event_id") + " as event_key, " + recordKey("t.subject_ref")
                + " as youth_key from timeline_entry t cross join aggregate_key k "
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
                + "group by grouping sets ((grp), (grp, unit)) order by grp, unit";
        Object[] parameters = {EventCatalogue.all().stream().map(EventType::name).toArray(String[]::new),
                EventCatalogue.all().stream().map(type -> type.category().name()).toArray(String[]::new),
                Timestamp.from(from), Timestamp.from(to), Timestamp.from(validFrom), Timestamp.from(validUntil),
                countable.typesAndSources().toArray(String[]::new)};
        Map<String, Tally> totals = new LinkedHashMap<>();
        Map<String, List<Tally>> units = new HashMap<>();
        jdbc.query(sql, row -> {
            String group = row.getString("grp");
            Tally tally = new Tally(row.getLong("events"), row.getLong("events_key"), row.getLong("youths"),
                    row.getLong("youths_key"));
            if (row.getString("unit") == null) {
                totals.put(group, tally);
            } else {
                units.computeIfAbsent(group, any -> new ArrayList<>()).add(tally);
            }
        }, parameters);
        List<Count> counts = new ArrayList<>();
        totals.forEach((group, total) -> counts.add(new Count(group, total, List.copyOf(units.get(group)))));
        return counts;
    }

    /** A record's key: the first 48 bits of the MD5 of the secret and {@code column}, a whole number. */
    private static String recordKey(String column) {
        return "('x' || substr(md5(k.secret || " + column + "), 1, 12))::bit(48)::bigint";
    }
}
