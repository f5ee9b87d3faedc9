package nl.ketenbus.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.ConversionNotSupportedException;
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
    ResponseEntity<ProblemDetail> unconvertedParameter(TypeMismatchException exception) {
        return unconverted(exception);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidRequestBody(MethodArgumentNotValidException exception) {
        return invalidBody(exception);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidRequestParameters(HandlerMethodValidationException exception) {
        return invalidParameters(exception);
    }

    static ResponseEntity<ProblemDetail> unconverted(TypeMismatchException exception) {
        if (exception instanceof ConversionNotSupportedException) {
            // No converter for the type at all: the endpoint's fault, not the request's (Spring answers 500).
            return Problems.answer(new Refused(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                    "the request could not be read; nothing was done"));
        }
        String name = exception instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : exception.getPropertyName();
        return Problems.answer(new Refused(HttpStatus.BAD_REQUEST, "invalid-request", name, "the value of "
                + (name == null ? "a parameter" : "'" + name + "'") + " is not of its documented type"));
    }

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

    /**
     * The constraint's message (e.g. "must not be blank"); Bean Validation's own never holds the value, but
     * a value that could not be bound to its field's type has Spring's message, which quotes it.
     */
    private static String messageOf(MessageSourceResolvable error) {
        if (error instanceof FieldError field && field.isBindingFailure()) {
            return "is not of its documented type";
        }
        return error.getDefaultMessage() == null ? "is not allowed" : error.getDefaultMessage();
    }
}
