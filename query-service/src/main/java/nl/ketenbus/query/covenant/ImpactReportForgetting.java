package nl.ketenbus.query.covenant;

import java.util.Collection;
import java.util.Iterator;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.query.projection.BackboneEvent;
import nl.ketenbus.query.projection.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A kept impact report names a few example entries by youth and event. Once the youth is erased, or one
 * of those facts expired, its examples are taken out of every kept report; the counts stay (they name
 * nobody), and so does the report's SHA-256, by which an approval names the report it was given. A report
 * being kept meanwhile waits for the forgetting's transaction and leaves out the youths it erased
 * ({@code ImpactReports}).
 */
@Component
class ImpactReportForgetting implements Projection {

    /**
     * Serialises forgetting in kept reports with keeping a new one, and forgettings with each other (class 0x6b62
     * 'kb', object 22; its own: the command side's covenant switch, object 18, shares the database, and an
     * exclusive hold of that one stopped every intake transaction of every command node). Exclusive for both: a
     * batch forgets several youths, each rewriting the reports that name it, and two batches sharing the lock
     * could take two reports' rows in opposite orders and deadlock; query nodes' batches that forget wait for each
     * other instead, which costs little (forgetting is rare and reports are few).
     */
    static final String LOCK = "select pg_advisory_xact_lock(27490, 22)";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    ImpactReportForgetting(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void apply(BackboneEvent event) {
        // Reports are computed from the stored history; only forgetting reaches the kept ones.
    }

    @Override
    public void erase(String subjectRef) {
        forget(subjectRef, example -> subjectRef.equals(example.path("subjectRef").asText()));
    }

    @Override
    public void expire(String subjectRef, Collection<String> eventIds) {
        forget(subjectRef, example -> subjectRef.equals(example.path("subjectRef").asText())
                && eventIds.contains(example.path("eventId").asText()));
    }

    /** Few reports are kept (one or two per covenant change), so each that names the youth is rewritten whole. */
    private void forget(String subjectRef, Predicate<JsonNode> named) {
        jdbc.execute(LOCK);
        jdbc.query("select change_id, report_sha256, report::text from covenant_impact_report "
                + "where strpos(report::text, ?) > 0 for update", row -> {
                    JsonNode report = read(row.getString(3));
                    if (removeExamples(report, named)) {
                        jdbc.update("update covenant_impact_report set report = ?::jsonb where change_id = ? "
                                + "and report_sha256 = ?", report.toString(), row.getInt(1), row.getString(2));
                    }
                }, subjectRef);
    }

    private static boolean removeExamples(JsonNode report, Predicate<JsonNode> named) {
        boolean removed = false;
        for (JsonNode audience : report.path("audiences")) {
            for (Iterator<JsonNode> examples = audience.path("examples").elements(); examples.hasNext(); ) {
                if (named.test(examples.next())) {
                    examples.remove();
                    removed = true;
                }
            }
        }
        return removed;
    }

    private JsonNode read(String report) {
        try {
            return json.readTree(report);
        } catch (JsonProcessingException e) {
            // Its class, not its message: the parser quotes the stored text, which may name the youth.
            throw new IllegalStateException("covenant_impact_report.report is not JSON: "
                    + e.getClass().getSimpleName());
        }
    }
}
