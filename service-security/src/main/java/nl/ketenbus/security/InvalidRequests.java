package nl.ketenbus.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A request whose parameters or body break the endpoint's declared constraints is refused as 400
 * {@code invalid-request}, each finding naming its field and the rule it breaks, ahead of every other
 * answer. Spring's own answers are untyped ({@code about:blank}, "Invalid request content") or quote the
 * value ("Failed to convert 'id' with value: '...'"), and the value may be a BSN or a name typed where an
 * id belongs: it is never repeated here.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class InvalidRequests {

    private static final String DETAIL = "the request breaks the endpoint's documented constraints";

    @ExceptionHandler(TypeMismatchException.class)
    static ResponseEntity<ProblemDetail> unconverted(TypeMismatchException exception) {
        String name = exception instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : exception.getPropertyName();
        return Problems.answer(new Refused(HttpStatus.BAD_REQUEST, "invalid-request", name, "the value of "
                + (name == null ? "a parameter" : "'" + name + "'") + " is not of its documented type"));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    static ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException exception) {
        List<Problems.Finding> findings = new ArrayList<>();
        for (FieldError error : exception.getBindingResult().getFieldErrors()) {
            findings.add(new Problems.Finding("/" + error.getField().replace('.', '/').replace("[", "/")
                    .replace("]", ""), messageOf(error)));
        }
        exception.getBindingResult().getGlobalErrors().forEach(error ->
                findings.add(new Problems.Finding("", messageOf(error))));
        return answer(findings);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    static ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException exception) {
        List<Problems.Finding> findings = new ArrayList<>();
        exception.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                findings.add(new Problems.Finding("/" + result.getMethodParameter().getParameterName(),
                        messageOf(error)))));
        return answer(findings);
    }

    private static ResponseEntity<ProblemDetail> answer(List<Problems.Finding> findings) {
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request",
                Problems.titleOf("invalid-request"), DETAIL, findings));
    }

    /** The constraint's message (e.g. "must not be blank"); Bean Validation's own never holds the value. */
    private static String messageOf(MessageSourceResolvable error) {
        return error.getDefaultMessage() == null ? "is not allowed" : error.getDefaultMessage();
    }
}
