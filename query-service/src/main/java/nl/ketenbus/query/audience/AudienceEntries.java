package nl.ketenbus.query.audience;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Grant;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.query.projection.BackboneEvent;
import nl.ketenbus.query.projection.CopyRows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The role-filtered entries: written by the projection, read through the access point. */
@Repository
public class AudienceEntries {

    /**
     * One entry as an audience sees it.
     *
     * @param traceId the trace id of the request or record that brought the fact (32 hex digits), for
     *                the access record of a read that shows it, never in an answer; empty when none
     *                came with it, null when not known here (see {@link FactTraces})
     */
    public record Entry(String eventId, String type, String category, String sourceOrganisation, Instant occurredAt,
                        Instant recordedAt, JsonNode data, List<String> redacted, String rule, String covenantId,
                        int covenantVersion, @JsonIgnore @Schema(hidden = true) String traceId) {

        /** The same entry showing other data, under another rule (the fact and its trace stay). */
        public Entry showing(JsonNode shown, List<String> withheld, String ruleId, String covenant, int version) {
            return new Entry(eventId, type, category, sourceOrganisation, occurredAt, recordedAt, shown, withheld,
                    ruleId, covenant, version, traceId);
        }
    }

    /** How a view row says that no trace came with its fact: W3C trace context forbids an all-zero trace id. */
    private static final String NO_TRACE = "00000000000000000000000000000000";

    /**
     * A youth's views in every generation the table holds (its parameter the youth), found through
     * audience_view_key without an index by youth, which every written view would pay for (V22): the
     * generations are found by walking the key's first column, one descent each, from the table itself
     * rather than from read_model_generation, so that erasure cannot miss a generation whatever wrote it.
     */
    private static final String IN_EVERY_GENERATION = "generation = any(array(with recursive held(generation) as ("
            + "(select generation from audience_view order by generation limit 1) union all "
            + "select (select v.generation from audience_view v where v.generation > held.generation "
            + "order by v.generation limit 1) from held where held.generation is not null) "
            + "select generation from held where generation is not null)) and subject_ref = ?";

    /** A page of one youth's entries for one audience, oldest first. */
    public record Page(long total, List<Entry> entries) {
    }

    /**
     * What a reader keeps of a youth's entries: some data categories and some source organisations (empty:
     * all), and those that occurred (the partner's time) from {@code from} and before {@code until} (null: open).
     */
    public record Filter(List<String> categories, List<String> sources, Instant from, Instant until) {

        /** Every entry. */
        public static final Filter ALL = new Filter(List.of(), List.of(), null, null);

        public Filter {
            categories = List.copyOf(categories);
            sources = List.copyOf(sources);
        }

        /** Whether the filter keeps the entry (for entries decided outside the read model's statements). */
        public boolean keeps(Entry entry) {
            return (categories.isEmpty() || categories.contains(entry.category()))
                    && (sources.isEmpty() || sources.contains(entry.sourceOrganisation()))
                    && (from == null || !entry.occurredAt().isBefore(from))
                    && (until == null || entry.occurredAt().isBefore(until));
        }
    }

    /**
     * What one audience reads: the views it is in, each with the rule that lets this audience (V19).
     * Its parameters are the audience's {@link #key} and the generation; conditions follow with "and".
     * Read from the table, not through the view audience_entry, which would unfold every audience of
     * the youth's rows before keeping this one's.
     */
    private static final String SEEN_BY = "from audience_view v, lateral (select array_position(v.audiences, ?::text) "
            + "as at) seen where seen.at is not null and v.generation = ? ";
    /** The columns of an {@link Entry}, with the reading audience's rule. */
    static final String ENTRY = "select v.*, v.rule_ids[seen.at] as rule_id ";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    AudienceEntries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One decided entry, ready to be written. */
    record Decided(int generation, Audience audience, BackboneEvent event, Redaction redaction, Grant grant) {
    }

    /**
     * Writes the entries as views: one row per (generation, event, what is shown) with the audiences
     * that see it so and the rule of each, in the order decided (V19: audiences mostly see an event
     * alike, and every row costs its indexes).
     */
    void insertAll(List<Decided> decided) {
        if (decided.isEmpty()) {
            return;
        }
        Map<ViewKey, List<Decided>> views = new LinkedHashMap<>();
        for (Decided entry : decided) {
            views.computeIfAbsent(new ViewKey(entry.generation(), entry.event().id(), entry.redaction().redacted()),
                    key -> new ArrayList<>(4)).add(entry);
        }
        CopyRows rows = new CopyRows();
        for (List<Decided> seeing : views.values()) {
            Decided first = seeing.get(0);
            BackboneEvent event = first.event();
            List<String> audiences = new ArrayList<>(seeing.size());
            List<String> rules = new ArrayList<>(seeing.size());
            for (Decided entry : seeing) {
                audiences.add(key(entry.audience()));
                rules.add(entry.grant().ruleId());
            }
            rows.value(first.generation()).value(event.subjectRef()).value(event.id()).value(event.type().name())
                    .value(event.type().category().name()).value(event.organisation().code())
                    .value(event.occurredAt().toInstant()).value(event.recordedAt().toInstant())
                    .value(event.streamSequence()).value(first.redaction().shown()).array(first.redaction().redacted())
                    .value(first.grant().covenantId()).value(first.grant().covenantVersion()).array(audiences)
                    .array(rules).value(event.traceId() == null ? NO_TRACE : event.traceId()).endRow();
        }
        rows.copyInto(jdbc, "audience_view (generation, subject_ref, event_id, event_type, data_category, "
                + "source_organisation, occurred_at, recorded_at, stream_sequence, data, redacted, covenant_id, "
                + "covenant_version, audiences, rule_ids, trace_id)");
    }

    /**
     * Entries of one event in one generation that show the same: one view. The fields redacted name
     * what is shown too (every other field of the event's data), and hash far more cheaply than the
     * shown data, whose hashing was a tenth of the replay workers' CPU (docs/benchmarks.md).
     */
    private record ViewKey(int generation, String eventId, List<String> redacted) {
    }

    /**
     * The audience as audience_view names it, organisation/role/purpose: organisation codes and role
     * names hold no slash, so the purpose, last, may hold anything (the view audience_entry splits it so).
     */
    private static String key(Audience audience) {
        return audience.organisation().code() + '/' + audience.role().name() + '/' + audience.purpose();
    }

    void deleteSubjects(int generation, Collection<String> subjectRefs) {
        jdbc.update("delete from audience_view where generation = ? and subject_ref = any(?::text[])", generation,
                (Object) subjectRefs.toArray(String[]::new));
    }

    /** Deletes these facts' entries of the youth, in every generation (retention). */
    void expire(String subjectRef, Collection<String> eventIds) {
        jdbc.update("delete from audience_view where " + IN_EVERY_GENERATION + " and event_id = any(?::text[])",
                subjectRef, (Object) eventIds.toArray(String[]::new));
    }

    /** Deletes every entry of the youth, in every generation (erasure). */
    void eraseSubject(String subjectRef) {
        jdbc.update("delete from audience_view where " + IN_EVERY_GENERATION, subjectRef);
    }

    /** Deletes up to {@code limit} views of a retired generation. */
    Deleted purge(int generation, int limit) {
        return deleteViews(jdbc, "generation = ?", limit, generation);
    }

    /** What a bounded delete of views removed: the views, and the entries (audience, event) they held. */
    record Deleted(int views, int entries) {
    }

    /** Deletes up to {@code limit} views that meet the condition (its parameters first). */
    static Deleted deleteViews(JdbcTemplate jdbc, String condition, int limit, Object... parameters) {
        Object[] bounded = Arrays.copyOf(parameters, parameters.length + 1);
        bounded[parameters.length] = limit;
        List<Integer> held = jdbc.queryForList("delete from audience_view where ctid in (select ctid from "
                + "audience_view where " + condition + " limit ?) returning cardinality(audiences)", Integer.class,
                bounded);
        return new Deleted(held.size(), held.stream().mapToInt(Integer::intValue).sum());
    }

    /** One page of what the audience sees of the youth, as the filter keeps it. */
    public Page page(int generation, Audience audience, String subjectRef, Filter filter, int page, int size) {
        Object[] parameters = filtered(generation, audience, subjectRef, filter);
        Object[] paged = new Object[2 * parameters.length + 2];
        System.arraycopy(parameters, 0, paged, 0, parameters.length);
        System.arraycopy(parameters, 0, paged, parameters.length, parameters.length);
        paged[2 * parameters.length] = size;
        paged[2 * parameters.length + 1] = (long) page * size;
        long[] total = {0};
        // One round trip: the page and, beside every row, the count of all matching rows. The count is
        // a subquery computed once, not a window over the rows: a window carried every matching row,
        // its data with it, through the count before the page could be cut from the index's order,
        // twice the database's time per read (docs/benchmarks.md).
        List<Entry> entries = jdbc.query(ENTRY + ", (select count(*) " + FILTERED + ") as total " + FILTERED
                + PAGE_ORDER + " limit ? offset ?",
                (row, index) -> {
                    total[0] = row.getLong("total");
                    return entry(row);
                }, paged);
        if (entries.isEmpty() && page > 0) {
            Long counted = jdbc.queryForObject("select count(*) " + FILTERED, Long.class, parameters);
            total[0] = counted == null ? 0 : counted;
        }
        return new Page(total[0], entries);
    }

    /**
     * The audience's views of one youth as a {@link Filter} keeps them: its parameters are {@link #filtered}'s.
     * The period bounds the index's next column after the youth, so a period's entries are read as a range.
     */
    static final String FILTERED = SEEN_BY + "and v.subject_ref = ? "
            + "and (cardinality(?::text[]) = 0 or v.data_category = any(?::text[])) "
            + "and (cardinality(?::text[]) = 0 or v.source_organisation = any(?::text[])) "
            + "and v.occurred_at >= coalesce(?::timestamptz, '-infinity') "
            + "and v.occurred_at < coalesce(?::timestamptz, 'infinity')";
    /** A youth's timeline order: the order of audience_view_key after the youth, so a page is cut from the index. */
    static final String PAGE_ORDER = " order by v.occurred_at, v.recorded_at, v.stream_sequence, v.event_id";
    /** The same order backwards: the newest entry first, the same index read from its other end. */
    static final String PAGE_ORDER_NEWEST = " order by v.occurred_at desc, v.recorded_at desc, "
            + "v.stream_sequence desc, v.event_id desc";

    /** The parameters of {@link #FILTERED}. */
    static Object[] filtered(int generation, Audience audience, String subjectRef, Filter filter) {
        String[] categoryArray = filter.categories().toArray(String[]::new);
        String[] sourceArray = filter.sources().toArray(String[]::new);
        return new Object[] {key(audience), generation, subjectRef, categoryArray, categoryArray, sourceArray,
                sourceArray, timestamp(filter.from()), timestamp(filter.until())};
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /**
     * The audience's entries of the youth that a reader narrowed per person can read at all: those of
     * {@code types} (what the audience's other rules cover) and those no {@code excludedRules} gave,
     * oldest first, at most {@code limit} (the oldest, or the newest when {@code newest}); filtered like
     * {@link #page}.
     */
    List<Entry> narrowable(int generation, Audience audience, String subjectRef, Filter filter, List<String> types,
                           List<String> excludedRules, int limit, boolean newest) {
        Object[] filtered = filtered(generation, audience, subjectRef, filter);
        Object[] parameters = Arrays.copyOf(filtered, filtered.length + 3);
        parameters[filtered.length] = types.toArray(String[]::new);
        parameters[filtered.length + 1] = excludedRules.toArray(String[]::new);
        parameters[filtered.length + 2] = limit;
        List<Entry> read = jdbc.query(ENTRY + FILTERED + " and (v.event_type = any(?::text[]) "
                + "or not (v.rule_ids[seen.at] = any(?::text[])))" + (newest ? PAGE_ORDER_NEWEST : PAGE_ORDER)
                + " limit ?", (row, index) -> entry(row), parameters);
        if (!newest) {
            return read;
        }
        List<Entry> oldestFirst = new ArrayList<>(read);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** An entry with the youth it concerns, for reads across youths. */
    public record SubjectEntry(String subjectRef, Entry entry) {
    }

    /**
     * The audience's entries of these types across youths recorded since {@code since}, newest
     * first, at most {@code limit} (the signal meeting's agenda).
     */
    public List<SubjectEntry> ofTypes(int generation, Audience audience, List<String> types, Instant since, int limit) {
        return jdbc.query(ENTRY + SEEN_BY + "and v.event_type = any(?::text[]) and v.recorded_at >= ? "
                        + "order by v.recorded_at desc, v.event_id limit ?",
                (row, index) -> new SubjectEntry(row.getString("subject_ref"), entry(row)), key(audience), generation,
                types.toArray(String[]::new), Timestamp.from(since), limit);
    }

    /**
     * The audience's entries of one group of the group approach across its members (the group's facts
     * name it in {@code groupId}), newest first, at most {@code limit}.
     */
    public List<SubjectEntry> ofGroup(int generation, Audience audience, String groupId, int limit) {
        return jdbc.query(ENTRY + SEEN_BY + "and v.data_category = ? and v.data->>'groupId' = ? "
                        + "order by v.recorded_at desc, v.event_id limit ?",
                (row, index) -> new SubjectEntry(row.getString("subject_ref"), entry(row)), key(audience), generation,
                DataCategory.GROUP.name(), groupId, limit);
    }

    /** What the backbone holds about the youth, by type and source: how many facts, first and last. */
    public record Held(String type, String sourceOrganisation, long facts, Instant first, Instant last) {
    }

    public List<Held> held(String subjectRef) {
        return jdbc.query("select event_type, source_organisation, count(*) as facts, min(occurred_at) as first, "
                        + "max(occurred_at) as last from timeline_entry where subject_ref = ? group by 1, 2 order by 1, 2",
                (row, index) -> new Held(row.getString("event_type"), row.getString("source_organisation"),
                        row.getLong("facts"), row.getTimestamp("first").toInstant(),
                        row.getTimestamp("last").toInstant()), subjectRef);
    }

    /** The ids of the facts about the youth the read models hold (and show under the covenant). */
    public Set<String> factIds(String subjectRef) {
        return new HashSet<>(jdbc.queryForList("select event_id from timeline_entry where subject_ref = ?",
                String.class, subjectRef));
    }

    /** One fact of the youth the read models hold: its type, when it happened, its data. */
    public record HeldFact(String type, Instant occurredAt, JsonNode data) {
    }

    /** The youth's facts of these types the read models hold, oldest first. */
    public List<HeldFact> factsOf(String subjectRef, List<String> types) {
        return jdbc.query("select event_type, occurred_at, data::text as data from timeline_entry where "
                        + "subject_ref = ? and event_type = any(?::text[]) order by occurred_at, recorded_at, event_id",
                (row, index) -> {
                    try {
                        return new HeldFact(row.getString("event_type"), row.getTimestamp("occurred_at").toInstant(),
                                json.readTree(row.getString("data")));
                    } catch (JsonProcessingException e) {
                        throw new SQLException("timeline_entry.data is not JSON", e);
                    }
                }, subjectRef, types.toArray(String[]::new));
    }

    /** Whether the backbone holds anything about the youth at all, for any audience. */
    public boolean known(String subjectRef) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from timeline_entry where "
                + "subject_ref = ?)", Boolean.class, subjectRef));
    }

    /** Of these youths, those about whom the organisation's systems recorded some fact. */
    public Set<String> recordedBy(String organisation, Collection<String> subjectRefs) {
        if (subjectRefs.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.queryForList("select s from unnest(?::text[]) as s where exists (select 1 "
                        + "from timeline_entry t where t.subject_ref = s and t.source_organisation = ?)", String.class,
                subjectRefs.stream().distinct().toArray(String[]::new), organisation));
    }

    /** The youths whose case this user was ever made director of, as far as the audience sees it. */
    public List<String> directedBy(int generation, Audience audience, String directorUserId, int limit) {
        return jdbc.queryForList("select v.subject_ref " + SEEN_BY + "and v.event_type = ? "
                        + "and v.data->>'directorUserId' = ? group by v.subject_ref order by max(v.recorded_at) desc "
                        + "limit ?", String.class, key(audience), generation,
                EventCatalogue.CASE_DIRECTOR_ASSIGNED.name(), directorUserId, limit);
    }

    /** The stored uuid as a trace id: empty for the nil uuid (no trace), null for a row that does not know. */
    private static String traceId(String stored) {
        if (stored == null) {
            return null;
        }
        String hex = stored.replace("-", "");
        return hex.equals(NO_TRACE) ? "" : hex;
    }

    /** The entry of a row that holds {@link #ENTRY}'s columns. */
    Entry entry(ResultSet row) throws SQLException {
        Array redacted = row.getArray("redacted");
        try {
            return new Entry(row.getString("event_id"), row.getString("event_type"), row.getString("data_category"),
                    row.getString("source_organisation"), row.getTimestamp("occurred_at").toInstant(),
                    row.getTimestamp("recorded_at").toInstant(), json.readTree(row.getString("data")),
                    List.of((String[]) redacted.getArray()), row.getString("rule_id"), row.getString("covenant_id"),
                    row.getInt("covenant_version"), traceId(row.getString("trace_id")));
        } catch (JsonProcessingException e) {
            throw new SQLException("audience_view.data is not JSON", e);
        }
    }
}
