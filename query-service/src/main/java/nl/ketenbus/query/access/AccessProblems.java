package nl.ketenbus.query.access;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import nl.ketenbus.query.audit.AccessLogUnavailable;
import nl.ketenbus.security.DependencyFailures;
import nl.ketenbus.security.Problems;
import nl.ketenbus.security.Refused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refused reads as RFC 9457 problems. */
@RestControllerAdvice
class AccessProblems {

    private static final Logger log = LoggerFactory.getLogger(AccessProblems.class);

    /**
     * A read refused because of who asks or why (or because no read model serves yet), never
     * because of which youth: an unknown youth and one the reader may not see answer alike.
     */
    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused refused) {
        return Problems.answer(refused, "Read refused");
    }

    /**
     * Fail closed: without a durable access record no data leaves. A change asked for is rolled back here with
     * its record ({@code ChangeRecords}), but the part the command side carries out (a restriction, a lifting,
     * an erasure) may already have been made there, so the answer to one says to look before asking again
     * rather than that nothing happened.
     */
    @ExceptionHandler(AccessLogUnavailable.class)
    ResponseEntity<ProblemDetail> unlogged(AccessLogUnavailable unavailable, HttpServletRequest request) {
        log.error("Refused: the access log cannot be written", unavailable);
        boolean read = request.getAttribute(AccessAudit.CHANGE) == null;
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "access-log-unavailable",
                read ? "Read refused" : "Not recorded", read
                        ? "the access log cannot be written, so nothing is shown; try again later"
                        : "the access log cannot be written, so nothing is shown and nothing was changed here; a part "
                        + "of the change the command side carries out (a restriction, an erasure) may have been made: "
                        + "look at it before asking again", List.of());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(DependencyFailures.RETRY_AFTER_SECONDS)).body(problem);
    }

    /**
     * A failing database: 503 with Retry-After when it does not answer, nothing shown (a change asked for may
     * have been made: the answer says to look); any other
     * database failure a plain 500 without internals (the cause goes to the log).
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> databaseFailed(Exception exception, HttpServletRequest request) {
        if (DependencyFailures.databaseUnavailable(exception)) {
            log.warn("Answered 503: the database does not answer ({})", exception.getClass().getName());
            return DependencyFailures.databaseUnavailableAnswer(request);
        }
        log.error("Read failed in the database: {}", exception.getClass().getName(), exception);
        ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "the read failed; nothing was shown");
        return ResponseEntity.internalServerError().body(problem);
    }
}
