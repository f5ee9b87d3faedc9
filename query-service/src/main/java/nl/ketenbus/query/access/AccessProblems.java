package nl.ketenbus.query.access;

import java.net.URI;

import nl.ketenbus.query.audit.AccessLogUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refused reads as RFC 9457 problems. */
@RestControllerAdvice
class AccessProblems {

    private static final Logger log = LoggerFactory.getLogger(AccessProblems.class);

    @ExceptionHandler(AccessRefused.class)
    ResponseEntity<ProblemDetail> refused(AccessRefused refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(refused.status(), refused.getMessage());
        problem.setType(URI.create("urn:ketenbus:problem:" + refused.problem()));
        problem.setTitle("Read refused");
        return ResponseEntity.status(refused.status()).body(problem);
    }

    /** Fail closed: without a durable access record no data leaves. */
    @ExceptionHandler(AccessLogUnavailable.class)
    ResponseEntity<ProblemDetail> unlogged(AccessLogUnavailable unavailable) {
        log.error("Read refused: the access log cannot be written", unavailable);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the access log cannot be written, so nothing is shown; try again later");
        problem.setType(URI.create("urn:ketenbus:problem:access-log-unavailable"));
        problem.setTitle("Read refused");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
    }
}
