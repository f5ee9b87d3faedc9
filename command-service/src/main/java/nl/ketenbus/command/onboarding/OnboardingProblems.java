package nl.ketenbus.command.onboarding;

import jakarta.servlet.http.HttpServletRequest;
import nl.ketenbus.security.DependencyFailures;
import nl.ketenbus.security.Problems;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TypedProblemsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * The import API's refusals as RFC 9457 problems (catalogued in docs/api.md); a database that does
 * not answer is 503 with Retry-After, and the import resumes later from what was remembered.
 */
@RestControllerAdvice(assignableTypes = ImportController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OnboardingProblems extends TypedProblemsHandler {

    private static final Logger log = LoggerFactory.getLogger(OnboardingProblems.class);

    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused refusal) {
        return Problems.answer(refusal);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception, HttpServletRequest request) {
        if (DependencyFailures.databaseUnavailable(exception)) {
            log.warn("An import call answered 503: the database does not answer");
            return DependencyFailures.databaseUnavailableAnswer(request);
        }
        // Its class and where, not its message: a chunk's lines carry personal data, and a message
        // can quote what it could not handle.
        log.error("An import call failed unexpectedly: {} at {}", exception.getClass().getName(),
                exception.getStackTrace().length == 0 ? "?" : exception.getStackTrace()[0]);
        return Problems.answer(new Refused(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "what the import remembered stands; send the chunk again later"));
    }

    /** A declaration that is not JSON of the documented shape: say so without echoing it. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request",
                "the body is not JSON of the documented shape: events, chunkEvents, manifest"));
    }
}
