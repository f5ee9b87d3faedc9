package nl.ketenbus.command.intake;

import java.net.URI;
import java.util.List;

import nl.ketenbus.command.subject.domain.SubjectRefusal;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one error format of the intake: RFC 9457 problem+json with a stable type
 * {@code urn:ketenbus:problem:<slug>} (catalogued in docs/api.md) and, where useful, the list of
 * individual findings in {@code errors}. Spring MVC's own errors (415, 405, ...) come out in the
 * same format through the base class.
 */
@RestControllerAdvice
class IntakeProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(IntakeProblems.class);
    static final String TYPE_PREFIX = "urn:ketenbus:problem:";

    @ExceptionHandler(IntakeRefusal.RefusedException.class)
    ResponseEntity<ProblemDetail> refused(IntakeRefusal.RefusedException exception) {
        return problem(exception.refusal());
    }

    @ExceptionHandler(SubjectRefusal.class)
    ResponseEntity<ProblemDetail> refusedBySubject(SubjectRefusal exception) {
        return problem(switch (exception.reason()) {
            case ALREADY_REGISTERED -> alreadyRegistered();
            case NOT_REGISTERED -> notRegistered();
            case INDICATOR_OUTSIDE_CATEGORY -> new IntakeRefusal(HttpStatus.BAD_REQUEST, "indicator-outside-category",
                    "Indicator outside category", exception.getMessage(), List.of());
        });
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> unknownSubject(AggregateNotFoundException exception) {
        return problem(notRegistered());
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> subjectExists(AggregateStreamCreationException exception) {
        return problem(alreadyRegistered());
    }

    /** Anything unexpected: a plain 500 without internals; the cause goes to the log, not the partner. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        log.error("Intake failed unexpectedly", exception);
        return problem(new IntakeRefusal(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "the event was not stored; retry later with the same id", List.of()));
    }

    private static IntakeRefusal alreadyRegistered() {
        return new IntakeRefusal(HttpStatus.CONFLICT, "subject-already-registered", "Subject already registered",
                "a subject with this subjectRef is already registered", List.of());
    }

    private static IntakeRefusal notRegistered() {
        return new IntakeRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "subject-not-registered", "Subject not registered",
                "no subject with this subjectRef is registered; publish SubjectRegistered first", List.of());
    }

    private static ResponseEntity<ProblemDetail> problem(IntakeRefusal refusal) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(refusal.status(), refusal.detail());
        problem.setType(URI.create(TYPE_PREFIX + refusal.problem()));
        problem.setTitle(refusal.title());
        if (!refusal.errors().isEmpty()) {
            problem.setProperty("errors", refusal.errors());
        }
        return ResponseEntity.status(refusal.status()).body(problem);
    }
}
