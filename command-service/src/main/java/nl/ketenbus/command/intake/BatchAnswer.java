package nl.ketenbus.command.intake;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.ProblemDetail;

/**
 * The answer to a batch: one result per event, in the order sent, and the counts.
 *
 * @param accepted   events stored now
 * @param duplicates events received before (their first outcome stands; nothing new stored)
 * @param refused    events refused; each result carries its RFC 9457 problem
 * @param results    per event
 */
public record BatchAnswer(int accepted, int duplicates, int refused, List<Result> results) {

    /**
     * One event's outcome.
     *
     * @param index   position in the batch
     * @param id      the event's CloudEvents id, when it could be read
     * @param source  the event's CloudEvents source, when it could be read
     * @param subject the youth's subjectRef, when known
     * @param outcome {@code accepted}, {@code duplicate} or {@code refused}
     * @param problem why it was refused
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int index, String id, String source, String subject, String outcome, ProblemDetail problem) {
    }

    /** The outcome of a refused event (accepted and duplicate are {@link IntakeOutcome}'s). */
    public static final String REFUSED = "refused";

    public static BatchAnswer of(List<Result> results) {
        return new BatchAnswer(count(results, IntakeOutcome.ACCEPTED), count(results, IntakeOutcome.DUPLICATE),
                count(results, REFUSED), results);
    }

    private static int count(List<Result> results, String outcome) {
        return (int) results.stream().filter(result -> result.outcome().equals(outcome)).count();
    }
}
