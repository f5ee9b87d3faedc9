package nl.ketenbus.command.intake;

import nl.ketenbus.security.DependencyFailures;
import nl.ketenbus.security.Problems;
import nl.ketenbus.security.TypedProblemsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one error format of the intake: RFC 9457 problem+json with a stable type
 * {@code urn:ketenbus:problem:<slug>} (catalogued in docs/api.md), the findings with JSON pointers in
 * {@code errors}, and {@code duplicate: true} when it repeats the first outcome of the same event.
 * Spring MVC's own errors (415, 405, ...) come out in the same format through the base class.
 */
@RestControllerAdvice
class IntakeProblems extends TypedProblemsHandler {

    private static final Logger log = LoggerFactory.getLogger(IntakeProblems.class);
    private static final int BUSY_RETRY_AFTER_SECONDS = 1;

    private final IntakeMetrics metrics;

    IntakeProblems(IntakeMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(IntakeRefusal.RefusedException.class)
    ResponseEntity<ProblemDetail> refused(IntakeRefusal.RefusedException exception) {
        metrics.refused(EventIntakeController.CHANNEL, exception.refusal());
        return problem(exception.refusal());
    }

    /**
     * A database that does not answer: 503 with Retry-After; the event may have been stored all the same (a
     * commit whose answer was lost), so the partner sends it again with its id. Anything else
     * unexpected: a plain 500 without internals; the cause goes to the log, not the partner.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        if (DependencyFailures.databaseUnavailable(exception)) {
            log.warn("Intake answered 503: the database does not answer ({})", exception.getClass().getName());
            metrics.refused(EventIntakeController.CHANNEL, new IntakeRefusal(HttpStatus.SERVICE_UNAVAILABLE,
                    DependencyFailures.DATABASE_UNAVAILABLE, "Database unavailable", "the database does not answer"));
            return DependencyFailures.databaseUnavailableAnswer(EventIntake.MAY_NOT_BE_STORED);
        }
        log.error("Intake failed unexpectedly: {}", exception.getClass().getName(), exception);
        return problem(new IntakeRefusal(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "the event was not stored; retry later with the same id"));
    }

    static ProblemDetail problemOf(IntakeRefusal refusal) {
        ProblemDetail problem = Problems.of(refusal.status(), refusal.problem(), refusal.title(), refusal.detail(),
                refusal.findings());
        if (refusal.duplicate()) {
            problem.setProperty("duplicate", true);
        }
        return problem;
    }

    /** A busy intake says when to try again (RFC 9110 10.2.3): it refuses while its queue is a second long. */
    private static ResponseEntity<ProblemDetail> problem(IntakeRefusal refusal) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(refusal.status());
        if (IntakeLanes.BUSY.equals(refusal.problem())) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(BUSY_RETRY_AFTER_SECONDS));
        }
        return answer.body(problemOf(refusal));
    }
}
