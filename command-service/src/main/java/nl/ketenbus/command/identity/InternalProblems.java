package nl.ketenbus.command.identity;

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
 * The internal identity, erasure, restriction and stream endpoints' answers to refusals and failures, as
 * RFC 9457 problems (an erasure's unknown youth is 404, not the intake's 500). First among the
 * advice (as casework's and onboarding's are): Spring asks the advice in their order, not the most specific
 * first, and the intake's general advice logs a failure's message and stack trace, which for these calls may
 * quote a name, a date of birth or a BSN. Spring MVC's own refusals (a body that does not read, a wrong
 * method or media type) keep their 4xx problems, as Spring answers them, without a value of the request.
 */
@RestControllerAdvice(assignableTypes = {IdentityRelease.class, IdentitySearch.class, ErasureController.class,
        RestrictionController.class, SubjectStream.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class InternalProblems extends TypedProblemsHandler {

    private static final Logger log = LoggerFactory.getLogger(InternalProblems.class);

    /**
     * A sealed value that does not open under its youth and field was moved or tampered with. Only
     * the exception's type is logged: these calls carry names, dates of birth and BSNs, and a
     * message may quote what it could not read.
     */
    @ExceptionHandler({IllegalStateException.class, IllegalArgumentException.class})
    ResponseEntity<ProblemDetail> doesNotOpen(RuntimeException e) {
        log.warn("A value sent for release does not open: {}", e.getClass().getSimpleName());
        return ResponseEntity.unprocessableEntity().body(Problems.of(HttpStatus.UNPROCESSABLE_ENTITY,
                "does-not-open", "a value does not open for this youth and field"));
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused refused) {
        return Problems.answer(refused);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> failed(Exception exception, HttpServletRequest request) {
        if (DependencyFailures.databaseUnavailable(exception)) {
            return DependencyFailures.databaseUnavailableAnswer(request);
        }
        // Types only, no message or stack trace: a parser's message can quote the request (a name,
        // a date of birth), and nothing personal goes into a log.
        log.error("An internal identity call failed: {} (root cause {})", exception.getClass().getName(),
                rootCause(exception).getClass().getName());
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error", "nothing was released or found"));
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
