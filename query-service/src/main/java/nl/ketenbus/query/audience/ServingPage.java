package nl.ketenbus.query.audience;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import nl.ketenbus.covenant.Audience;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A page of one youth's entries read together with what decides whether and how it may be shown, in
 * one statement and so in one snapshot: whether the generation it reads still serves, and who
 * directs the youth's case (for {@link PersonalView}). A timeline read asked both in round trips of
 * their own before the page (docs/benchmarks.md); now a node may start a read from the generation an
 * earlier read found serving, because a generation that a covenant change has replaced since is
 * refused here, in the snapshot its rows come from (ADR 0021 item 24).
 */
@Repository
public class ServingPage {

    /** The generation the read was given does not serve (a covenant change replaced it since). */
    public static final class NotServing extends RuntimeException {

        public NotServing(int generation) {
            super("read-model generation " + generation + " does not serve", null, false, false);
        }
    }

    /** The page, and the youth's case direction in the same snapshot (empty: the youth has no case). */
    public record Served(AudienceEntries.Page page, Optional<CaseDirection.Direction> direction) {
    }

    /**
     * The generation's row, the youth's case direction and the page beside it: always one row at least
     * (the generation's, the page's columns null when the page is empty), none when the generation
     * is gone. The count is computed once, from the filter's own parameters.
     */
    private static final String STATEMENT = statement(AudienceEntries.PAGE_ORDER);
    /** The same, its pages counted from the newest entry (the index read backwards), each still oldest first. */
    private static final String NEWEST_STATEMENT = statement(AudienceEntries.PAGE_ORDER_NEWEST);

    private final JdbcTemplate jdbc;
    private final AudienceEntries entries;

    ServingPage(JdbcTemplate jdbc, AudienceEntries entries) {
        this.jdbc = jdbc;
        this.entries = entries;
    }

    /**
     * One page of what the audience sees of the youth in {@code generation} (filters as
     * {@link AudienceEntries#page}), with the youth's case direction.
     *
     * @throws NotServing when the generation does not serve as the rows are read
     */
    public Served read(int generation, Audience audience, String subjectRef, AudienceEntries.Filter kept, int page,
                       int size) {
        return read(generation, audience, subjectRef, kept, page, size, false);
    }

    /**
     * As {@link #read(int, Audience, String, AudienceEntries.Filter, int, int)}, with {@code newest} the pages
     * counted from the newest entry: page 0 holds the newest {@code size} entries, oldest first.
     */
    public Served read(int generation, Audience audience, String subjectRef, AudienceEntries.Filter kept, int page,
                       int size, boolean newest) {
        Object[] filter = AudienceEntries.filtered(generation, audience, subjectRef, kept);
        Object[] parameters = new Object[2 * filter.length + 4];
        System.arraycopy(filter, 0, parameters, 0, filter.length);
        parameters[filter.length] = subjectRef;
        System.arraycopy(filter, 0, parameters, filter.length + 1, filter.length);
        parameters[2 * filter.length + 1] = size;
        parameters[2 * filter.length + 2] = (long) page * size;
        parameters[2 * filter.length + 3] = generation;
        String[] state = {null};
        long[] total = {0};
        List<CaseDirection.Direction> direction = new ArrayList<>(1);
        List<AudienceEntries.Entry> rows = new ArrayList<>();
        jdbc.query(newest ? NEWEST_STATEMENT : STATEMENT, row -> {
            if (state[0] == null) {
                state[0] = row.getString("serving_state");
                total[0] = row.getLong("total");
                String caseId = row.getString("direction_case_id");
                if (caseId != null) {
                    direction.add(new CaseDirection.Direction(caseId, row.getString("direction_director"),
                            row.getObject("direction_closed_on", LocalDate.class)));
                }
            }
            if (row.getString("event_id") != null) {
                rows.add(entries.entry(row));
            }
        }, parameters);
        if (!Generation.State.ACTIVE.name().equals(state[0])) {
            throw new NotServing(generation);
        }
        return new Served(new AudienceEntries.Page(total[0], List.copyOf(rows)),
                direction.stream().findFirst());
    }

    private static String statement(String pageOrder) {
        return "select g.state as serving_state, d.case_id as direction_case_id, "
                + "d.director_user_id as direction_director, d.closed_on as direction_closed_on, (select count(*) "
                + AudienceEntries.FILTERED + ") as total, p.* from read_model_generation g "
                + "left join case_direction d on d.subject_ref = ? "
                + "left join lateral (" + AudienceEntries.ENTRY + AudienceEntries.FILTERED + pageOrder
                + " limit ? offset ?) p on true where g.generation = ? "
                + "order by p.occurred_at, p.recorded_at, p.stream_sequence, p.event_id";
    }
}
