package nl.ketenbus.query.access;

import java.net.URI;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refused reads as RFC 9457 problems. */
@RestControllerAdvice
class AccessProblems {

    @ExceptionHandler(AccessRefused.class)
    ResponseEntity<ProblemDetail> refused(AccessRefused refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(refused.status(), refused.getMessage());
        problem.setType(URI.create("urn:ketenbus:problem:" + refused.problem()));
        problem.setTitle("Read refused");
        return ResponseEntity.status(refused.status()).body(problem);
    }
}
