package nl.ketenbus.command.casework;

import java.net.URI;
import java.util.List;
import java.util.Map;

import nl.ketenbus.command.casework.domain.CaseRefusal;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import nl.ketenbus.security.DependencyFailures;
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
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The casework API's answers to refusals: RFC 9457 problem+json with a stable type
 * {@code urn:ketenbus:problem:<slug>} (catalogued in docs/api.md) and the field concerned. The
 * case's own rules answer 404 (unknown), 403 (not for this caller), 409 (in conflict with the
 * case as it stands) or 422 (never valid); nothing of a refused command is stored.
 */
@RestControllerAdvice(assignableTypes = {CaseDirectionController.class, InterventionController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class CaseworkProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(CaseworkProblems.class);
    private static final String TYPE_PREFIX = "urn:ketenbus:problem:";
    private static final Map<CaseRefusal.Kind, HttpStatus> STATUS = Map.of(
            CaseRefusal.Kind.NOT_FOUND, HttpStatus.NOT_FOUND,
            CaseRefusal.Kind.FORBIDDEN, HttpStatus.FORBIDDEN,
            CaseRefusal.Kind.CONFLICT, HttpStatus.CONFLICT,
            CaseRefusal.Kind.INVALID, HttpStatus.UNPROCESSABLE_ENTITY);

    @ExceptionHandler(CaseRefusal.class)
    ResponseEntity<ProblemDetail> refused(CaseRefusal refusal) {
        return answer(STATUS.get(refusal.reason().kind()), refusal.reason().slug(), refusal.field(),
                refusal.getMessage());
    }

    @ExceptionHandler(CaseworkRefusal.class)
    ResponseEntity<ProblemDetail> refused(CaseworkRefusal refusal) {
        return answer(refusal.status(), refusal.problem(), refusal.field(), refusal.getMessage());
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
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        if (DependencyFailures.databaseUnavailable(exception)) {
            log.warn("A casework command answered 503: the database does not answer");
            return DependencyFailures.databaseUnavailableAnswer();
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
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "invalid-request", null,
                "the body is not JSON of the documented shape, or holds a value that is not allowed"));
    }

    private static ResponseEntity<ProblemDetail> answer(HttpStatus status, String problem, String field,
                                                        String detail) {
        return ResponseEntity.status(status).body(problem(status, problem, field, detail));
    }

    private static ProblemDetail problem(HttpStatus status, String problem, String field, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create(TYPE_PREFIX + problem));
        body.setTitle(title(problem));
        if (field != null) {
            body.setProperty("errors", List.of(Map.of("pointer", "/" + field, "detail", detail)));
        }
        return body;
    }

    /** The slug as a title: "case-already-open" becomes "Case already open". */
    private static String title(String slug) {
        String words = slug.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
