package nl.ketenbus.query.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import nl.ketenbus.security.Refused;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reading the access log back, for the privacy officer's views (never for anyone else). */
@Repository
public class AccessLogQueries {

    /** One stored record with its place in the chain. */
    public record Logged(long seq, AccessRecord record) {
    }

    private final JdbcTemplate jdbc;
    private final int maxRecords;

    AccessLogQueries(JdbcTemplate jdbc, @Value("${ketenbus.audit.max-records-per-answer:50000}") int maxRecords) {
        this.jdbc = jdbc;
        this.maxRecords = maxRecords;
    }

    /**
     * Every record of the youth in the period, unbounded: what the backbone owes the youth (its access report,
     * the recipients to tell of an erasure or restriction, AVG art. 15 and 19) cannot be cut short by a
     * bound, and one youth's records are few beside a period's.
     */
    public List<Logged> bySubject(String subjectRef, Instant from, Instant to) {
        return select("subject_ref = ? and ", subjectRef, null, from, to, Integer.MAX_VALUE);
    }

    /**
     * The youth's records of one organisation's people (ADR 0034), every organisation's when it is null, in a
     * period the caller chose: bounded.
     */
    public List<Logged> bySubject(String subjectRef, String organisation, Instant from, Instant to) {
        return select("subject_ref = ? and ", subjectRef, organisation, from, to, maxRecords);
    }

    /** The user's records as one organisation's (ADR 0034); as any organisation's when it is null. Bounded. */
    public List<Logged> byUser(String userId, String organisation, Instant from, Instant to) {
        return select("user_id = ? and ", userId, organisation, from, to, maxRecords);
    }

    /**
     * Of these youths, those the organisation's people were shown something about: an allowed read that showed
     * entries, or one whose detail starts with one of {@code showing} (a reveal, a search that found the youth).
     * Records for the given purposes (e.g. the privacy officers' own oversight) are not counted, nor any refused
     * or failed one: naming a youth in a refused request must not make it the organisation's (ADR 0034).
     */
    public Set<String> shownTo(String organisation, Collection<String> subjectRefs, List<String> notFor,
                               List<String> showing) {
        if (subjectRefs.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.queryForList("select s from unnest(?::text[]) as s where exists (select 1 "
                        + "from access_log a where a.subject_ref = s and a.organisation = ? and a.status = 'ok' "
                        + "and coalesce(a.purpose, '') <> all(?::text[]) "
                        + "and (a.entries_shown > 0 or a.detail like any(?::text[])))", String.class,
                subjectRefs.stream().distinct().toArray(String[]::new), organisation, notFor.toArray(String[]::new),
                showing.stream().map(prefix -> prefix.replace("%", "\\%").replace("_", "\\_") + "%")
                        .toArray(String[]::new)));
    }

    /** One record by its place in the chain. */
    public Optional<Logged> bySeq(long seq) {
        return jdbc.query("select * from access_log where seq = ?",
                (row, index) -> new Logged(row.getLong("seq"), StoredRecords.of(row)), seq).stream().findFirst();
    }

    /** The records of one organisation's people (ADR 0034), every organisation's when it is null. Bounded. */
    public List<Logged> inPeriod(String organisation, Instant from, Instant to) {
        return select("", null, organisation, from, to, maxRecords);
    }

    /**
     * Records started in [from, to), in chain order, optionally only those matching one more condition and
     * only those of one organisation's people.
     */
    private List<Logged> select(String condition, String value, String organisation, Instant from, Instant to,
                                int bound) {
        List<Object> parameters = new ArrayList<>();
        if (value != null) {
            parameters.add(value);
        }
        if (organisation != null) {
            parameters.add(organisation);
        }
        parameters.add(Timestamp.from(from));
        parameters.add(Timestamp.from(to));
        // Bounded where the caller chose the period: a year of a region's records read into one answer would
        // fill the heap of the node that serves every read. One more than the bound is read to know it was passed.
        List<Logged> found = jdbc.query("select * from access_log where " + condition
                + (organisation == null ? "" : "organisation = ? and ") + "started_at >= ? and started_at < ? "
                + "order by seq" + (bound == Integer.MAX_VALUE ? "" : " limit " + (bound + 1)),
                (row, index) -> new Logged(row.getLong("seq"), StoredRecords.of(row)), parameters.toArray());
        if (found.size() > bound) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "too-many-records", "from", "the period holds more "
                    + "than " + bound + " access records, more than one answer gives: ask for a shorter period");
        }
        return found;
    }
}
