package nl.ketenbus.query.privacy;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The register of a youth's requests under the AVG (ADR 0029): each is answered within one month of its
 * receipt, a term the privacy officer may extend once by two months while it runs (art. 12(3)). The
 * register holds the days and the youth's pseudonym, never what was asked.
 */
@Repository
class SubjectRequests {

    /** What the youth asked for: the right it invoked. */
    enum Kind { ACCESS, RECTIFICATION, ERASURE, RESTRICTION, OBJECTION }

    /** The term to answer a request in, from its receipt. */
    static final Period TERM = Period.ofMonths(1);
    /** The one extension of the term (art. 12(3)). */
    static final Period EXTENSION = Period.ofMonths(2);

    /** A request as the register holds it. */
    record Request(UUID id, String subjectRef, Kind kind, LocalDate receivedOn, LocalDate dueOn, boolean extended,
                   String recordedBy, LocalDate answeredOn, String answeredBy) {

        boolean answered() {
            return answeredOn != null;
        }

        /** Not answered, and its last day has passed. */
        boolean overdueOn(LocalDate today) {
            return !answered() && today.isAfter(dueOn);
        }
    }

    private final JdbcTemplate jdbc;

    SubjectRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Request register(String subjectRef, Kind kind, LocalDate receivedOn, String officer, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into subject_request (id, subject_ref, kind, received_on, due_on, recorded_by, "
                        + "recorded_at) values (?, ?, ?, ?, ?, ?, ?)", id, subjectRef, kind.name(),
                Date.valueOf(receivedOn), Date.valueOf(receivedOn.plus(TERM)), officer, Timestamp.from(now));
        return find(id).orElseThrow();
    }

    Optional<Request> find(UUID id) {
        return jdbc.query("select * from subject_request where id = ?", SubjectRequests::request, id).stream()
                .findFirst();
    }

    /** The requests not answered yet, the first due first. */
    List<Request> open() {
        return jdbc.query("select * from subject_request where answered_on is null order by due_on, received_on, id",
                SubjectRequests::request);
    }

    /** Records the answer; false when it was answered before. */
    boolean answer(UUID id, LocalDate answeredOn, String officer) {
        return jdbc.update("update subject_request set answered_on = ?, answered_by = ? where id = ? "
                + "and answered_on is null", Date.valueOf(answeredOn), officer, id) == 1;
    }

    /** Extends the term once, while it runs; false when it was extended, answered or ran out before. */
    boolean extend(Request request, LocalDate today) {
        return jdbc.update("update subject_request set due_on = ?, extended = true where id = ? and not extended "
                        + "and answered_on is null and due_on >= ?", Date.valueOf(request.dueOn().plus(EXTENSION)),
                request.id(), Date.valueOf(today)) == 1;
    }

    private static Request request(ResultSet row, int index) throws SQLException {
        Date answered = row.getDate("answered_on");
        return new Request(row.getObject("id", UUID.class), row.getString("subject_ref"),
                Kind.valueOf(row.getString("kind")), row.getDate("received_on").toLocalDate(),
                row.getDate("due_on").toLocalDate(), row.getBoolean("extended"), row.getString("recorded_by"),
                answered == null ? null : answered.toLocalDate(), row.getString("answered_by"));
    }
}
