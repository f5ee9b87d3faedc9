package nl.ketenbus.security;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A path or query parameter that is not of its type (a number, a date, an id) is refused as 400
 * {@code invalid-request} naming the parameter, ahead of every other answer: Spring's own says "Failed to
 * convert 'id' with value: '...'", and the value may be a BSN or a name typed where an id belongs.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnconvertedParameters {

    @ExceptionHandler(TypeMismatchException.class)
    ResponseEntity<ProblemDetail> unconverted(TypeMismatchException exception) {
        String name = exception instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : exception.getPropertyName();
        return Problems.answer(new Refused(HttpStatus.BAD_REQUEST, "invalid-request", name, "the value of "
                + (name == null ? "a parameter" : "'" + name + "'") + " is not of its documented type"));
    }
}
