package nl.ketenbus.command.casework;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import nl.ketenbus.command.casework.domain.CaseRefusal;
import nl.ketenbus.security.DependencyFailures;
import nl.ketenbus.security.Problems;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TypedProblemsHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
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
 * The casework API's answers to refusals: RFC 9457 problem+json with a stable type
 * {@code urn:ketenbus:problem:<slug>} (catalogued in docs/api.md) and the field concerned. The
 * case's own rules answer 404 (unknown), 403 (not for this caller), 409 (in conflict with the
 * case as it stands) or 422 (never valid); nothing of a refused command is stored.
 */
@RestControllerAdvice(assignableTypes = {CaseDirectionController.class, InterventionController.class,
        SignalMeetingController.class, GroupController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class CaseworkProblems extends TypedProblemsHandler {

    private static final Logger log = LoggerFactory.getLogger(CaseworkProblems.class);
    private static final Map<CaseRefusal.Kind, HttpStatus> STATUS = Map.of(
            CaseRefusal.Kind.NOT_FOUND, HttpStatus.NOT_FOUND,
            CaseRefusal.Kind.FORBIDDEN, HttpStatus.FORBIDDEN,
            CaseRefusal.Kind.CONFLICT, HttpStatus.CONFLICT,
            CaseRefusal.Kind.INVALID, HttpStatus.UNPROCESSABLE_ENTITY);

    @ExceptionHandler(CaseRefusal.class)
    ResponseEntity<ProblemDetail> refused(CaseRefusal refusal) {
        return Problems.answer(new Refused(STATUS.get(refusal.reason().kind()), refusal.slug(), refusal.field(),
                refusal.getMessage()));
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused refusal) {
        return Problems.answer(refusal);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> unknownSubject(AggregateNotFoundException notFound) {
        return answer(HttpStatus.NOT_FOUND, "subject-not-registered", "subjectRef",
                "no youth with this subjectRef is registered");
    }

    /** Two writers raced for the youth's stream (e.g. on two nodes); the loser stored nothing. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> raced(ConcurrencyException raced) {
        return answer(HttpStatus.CONFLICT, "concurrent-change", null,
                "the youth's case changed at the same moment; read it again and retry");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception, HttpServletRequest request) {
        if (DependencyFailures.databaseUnavailable(exception)) {
            log.warn("A casework command answered 503: the database does not answer");
            return DependencyFailures.databaseUnavailableAnswer(request);
        }
        log.error("A casework command failed unexpectedly: {}", exception.getClass().getName(), exception);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", null,
                "nothing was stored; retry later");
    }

    /** A body that is not JSON, or names a value no enumeration has: say so without echoing it. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request",
                "the body is not JSON of the documented shape, or holds a value that is not allowed"));
    }

    private static ResponseEntity<ProblemDetail> answer(HttpStatus status, String problem, String field,
                                                        String detail) {
        return Problems.answer(new Refused(status, problem, field, detail));
    }
}
