package nl.ketenbus.query.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reading the access log back, for the privacy officer's views (never for anyone else). */
@Repository
public class AccessLogQueries {

    /** One stored record with its place in the chain. */
    public record Logged(long seq, AccessRecord record) {
    }

    private final JdbcTemplate jdbc;

    AccessLogQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Logged> bySubject(String subjectRef, Instant from, Instant to) {
        return jdbc.query("select * from access_log where subject_ref = ? and started_at >= ? and started_at < ? "
                        + "order by seq", (row, index) -> new Logged(row.getLong("seq"), StoredRecords.of(row)),
                subjectRef, Timestamp.from(from), Timestamp.from(to));
    }

    public List<Logged> byUser(String userId, Instant from, Instant to) {
        return jdbc.query("select * from access_log where user_id = ? and started_at >= ? and started_at < ? "
                        + "order by seq", (row, index) -> new Logged(row.getLong("seq"), StoredRecords.of(row)),
                userId, Timestamp.from(from), Timestamp.from(to));
    }

    public List<Logged> inPeriod(Instant from, Instant to) {
        return jdbc.query("select * from access_log where started_at >= ? and started_at < ? order by seq",
                (row, index) -> new Logged(row.getLong("seq"), StoredRecords.of(row)), Timestamp.from(from),
                Timestamp.from(to));
    }
}
