package nl.ketenbus.query.audience;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What changes for every audience when one generation replaces another: the entries and youths that
 * appear or disappear, the fields that go from shown to redacted or back, and examples. Both
 * generations are complete and kept current, so comparing their entries is comparing the two
 * covenants over the same history and the same standing of every youth.
 */
@Repository
public class GenerationDifferences {

    /** An audience's counts; youths count when the audience saw nothing of them before (or sees nothing after). */
    public record Counts(String organisation, String role, String purpose, long youthsAppearing,
                         long youthsDisappearing, long eventsAppearing, long eventsDisappearing) {
    }

    /** A field of one event type that the audience is shown in one generation and not in the other. */
    public record FieldChange(String organisation, String role, String purpose, String eventType, String field,
                              boolean nowRedacted, long events) {
    }

    /** One changed entry, by pseudonym: {@code change} is APPEARS, DISAPPEARS or FIELDS. */
    public record Example(String organisation, String role, String purpose, String change, String subjectRef,
                         String eventId, String eventType) {
    }

    /** Everything an impact report is made of. */
    public record Differences(List<Counts> counts, List<FieldChange> fieldChanges, List<Example> examples) {
    }

    /**
     * The two generations' entries side by side, one row per (audience, youth, event) in either:
     * joined once into a temporary table that the three summaries read (the join is the cost).
     */
    private static final String JOINED = "create temporary table impact_join on commit drop as "
            + "select coalesce(a.audience_organisation, b.audience_organisation) as org, "
            + "coalesce(a.audience_role, b.audience_role) as role, coalesce(a.purpose, b.purpose) as purpose, "
            + "coalesce(a.subject_ref, b.subject_ref) as subject_ref, coalesce(a.event_id, b.event_id) as event_id, "
            + "coalesce(a.event_type, b.event_type) as event_type, a.redacted as before, b.redacted as after "
            + "from (select * from audience_entry where generation = ?) a "
            + "full join (select * from audience_entry where generation = ?) b on a.subject_ref = b.subject_ref "
            + "and a.audience_organisation = b.audience_organisation and a.audience_role = b.audience_role "
            + "and a.purpose = b.purpose and a.event_id = b.event_id";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    GenerationDifferences(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** What changes from generation {@code from} to {@code to}, with up to {@code perKind} examples. */
    public Differences compare(int from, int to, int perKind) {
        return transaction.execute(status -> {
            jdbc.update(JOINED, from, to);
            return new Differences(counts(), fieldChanges(), examples(perKind));
        });
    }

    /** Per audience with any entry appearing or disappearing. */
    private List<Counts> counts() {
        return jdbc.query("with youth as (select org, role, purpose, subject_ref, "
                        + "count(*) filter (where before is null) as appearing, "
                        + "count(*) filter (where after is null) as disappearing, "
                        + "bool_or(before is not null) as seen_before, bool_or(after is not null) as seen_after "
                        + "from impact_join group by 1, 2, 3, 4) "
                        + "select org, role, purpose, count(*) filter (where seen_after and not seen_before), "
                        + "count(*) filter (where seen_before and not seen_after), sum(appearing), sum(disappearing) "
                        + "from youth group by 1, 2, 3 having sum(appearing) + sum(disappearing) > 0 order by 1, 2, 3",
                (row, index) -> new Counts(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getLong(5), row.getLong(6), row.getLong(7)));
    }

    /** Per audience, event type and field: the events whose field is redacted in one generation only. */
    private List<FieldChange> fieldChanges() {
        return jdbc.query("select org, role, purpose, event_type, field, now_redacted, count(*) from ("
                        + "select org, role, purpose, event_type, field, true as now_redacted from impact_join, "
                        + "unnest(after) as field where before is not null and not (field = any(before)) "
                        + "union all select org, role, purpose, event_type, field, false from impact_join, "
                        + "unnest(before) as field where after is not null and not (field = any(after))) changed "
                        + "group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6",
                (row, index) -> new FieldChange(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), row.getBoolean(6), row.getLong(7)));
    }

    /** Up to {@code perKind} examples per audience and kind of change. */
    private List<Example> examples(int perKind) {
        return jdbc.query("select org, role, purpose, change, subject_ref, event_id, event_type from ("
                        + "select *, row_number() over (partition by org, role, purpose, change "
                        + "order by subject_ref, event_id) as n from (select *, "
                        + "case when before is null then 'APPEARS' when after is null then 'DISAPPEARS' "
                        + "else 'FIELDS' end as change from impact_join "
                        + "where before is null or after is null or not (before @> after and after @> before)) c) e "
                        + "where n <= ? order by 1, 2, 3, 4, 5, 6",
                (row, index) -> new Example(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6), row.getString(7)), perKind);
    }
}
