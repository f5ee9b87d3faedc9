package nl.ketenbus.command.intake;

import jakarta.servlet.http.HttpServletRequest;
import nl.ketenbus.security.DependencyFailures;
import nl.ketenbus.security.Problems;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TypedProblemsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The held records' endpoints answer as the other operations do, not as the intake (whose advice speaks of an
 * event to send again): their refusals as problems, a database that does not answer 503 with Retry-After.
 */
@RestControllerAdvice(assignableTypes = HeldRecordsController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class HeldRecordsProblems extends TypedProblemsHandler {

    private static final Logger log = LoggerFactory.getLogger(HeldRecordsProblems.class);

    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused refusal) {
        return Problems.answer(refusal);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception, HttpServletRequest request) {
        if (DependencyFailures.databaseUnavailable(exception)) {
            log.warn("A held records call answered 503: the database does not answer");
            return DependencyFailures.databaseUnavailableAnswer(request);
        }
        log.error("A held records call failed unexpectedly: {}", exception.getClass().getName(), exception);
        return Problems.answer(new Refused(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "see the service's log, and ask again later"));
    }
}
