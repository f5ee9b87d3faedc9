package nl.ketenbus.query.access;

import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;
import nl.ketenbus.security.Problems;
import nl.ketenbus.security.Refused;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A body that is not JSON of an endpoint's shape, or holds a value it does not allow (an unknown right or
 * ground, a date that is not one), is refused as 400 {@code invalid-request} naming the field, as the API
 * documents, instead of Spring's untyped "Failed to read request". Ahead of Boot's own problem handler; the
 * value itself is never repeated, as a privacy officer may have typed a BSN or a name into it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnreadableBodies {

    static final String DETAIL = "the body is not JSON of the documented shape, or holds a value that is not allowed";

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException exception) {
        return Problems.answer(new Refused(HttpStatus.BAD_REQUEST, "invalid-request", field(exception), DETAIL));
    }

    /** The field's path as names and indexes ({@code restrictions/0/ground}), or null when there is none. */
    private static String field(HttpMessageNotReadableException exception) {
        if (exception.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return mapping.getPath().stream()
                    .map(step -> step.getFieldName() != null ? step.getFieldName() : String.valueOf(step.getIndex()))
                    .collect(Collectors.joining("/"));
        }
        return null;
    }
}
