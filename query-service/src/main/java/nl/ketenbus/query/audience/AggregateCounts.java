package nl.ketenbus.query.audience;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import nl.ketenbus.covenant.Audience;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Counts of what aggregate-only audiences may count; never a single youth's row. */
@Repository
public class AggregateCounts {

    /** What the counts are grouped by. */
    public enum GroupBy {
        CATEGORY("data_category"), TYPE("event_type"), SOURCE("source_organisation");

        private final String column;

        GroupBy(String column) {
            this.column = column;
        }
    }

    /** One group: how many events, about how many different youths. */
    public record Count(String group, long events, long youths) {
    }

    private final JdbcTemplate jdbc;

    AggregateCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts of events that occurred in [from, to), grouped. */
    public List<Count> count(int generation, Audience audience, Instant from, Instant to, GroupBy groupBy) {
        return jdbc.query("select " + groupBy.column + " as grp, count(*) as events, "
                        + "count(distinct subject_ref) as youths from aggregate_entry "
                        + "where generation = ? and audience_organisation = ? and audience_role = ? and purpose = ? "
                        + "and occurred_at >= ? and occurred_at < ? group by grp order by grp",
                (row, index) -> new Count(row.getString("grp"), row.getLong("events"), row.getLong("youths")),
                generation, audience.organisation().code(), audience.role().name(), audience.purpose(),
                Timestamp.from(from), Timestamp.from(to));
    }
}
