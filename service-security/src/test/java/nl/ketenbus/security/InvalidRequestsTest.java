package nl.ketenbus.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.ConversionNotSupportedException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;

/**
 * An invalid request is answered with the field and the rule it breaks, never its value: neither Spring's
 * message of a value that could not be bound nor a type mismatch's; a missing converter is the server's fault.
 */
class InvalidRequestsTest {

    private static final String A_NAME = "Jansen 12-04-2009";

    @Test
    void aValueThatCouldNotBeBoundIsNotRepeated() throws Exception {
        BeanPropertyBindingResult result = new BeanPropertyBindingResult(new Object(), "query");
        result.addError(new FieldError("query", "limit", A_NAME, true, new String[] {"typeMismatch"}, null,
                "Failed to convert property value of type 'java.lang.String' to required type 'int'; For input "
                        + "string: \"" + A_NAME + "\""));
        result.addError(new FieldError("query", "period.from", "x", false, null, null, "must not be null"));
        ResponseEntity<ProblemDetail> answer = InvalidRequests.invalidBody(new MethodArgumentNotValidException(
                new MethodParameter(Object.class.getMethod("toString"), -1), result));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().getType().toString()).isEqualTo("urn:ketenbus:problem:invalid-request");
        assertThat(String.valueOf(answer.getBody().getProperties())).doesNotContain("Jansen")
                .contains("/limit", "is not of its documented type", "/period/from", "must not be null");
    }

    @Test
    void aTypeMismatchNamesTheParameterAndAMissingConverterIsTheServers() {
        ResponseEntity<ProblemDetail> mismatch = InvalidRequests.unconverted(new TypeMismatchException(A_NAME,
                Integer.class));
        assertThat(mismatch.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(mismatch.getBody().getDetail()).doesNotContain("Jansen");

        ResponseEntity<ProblemDetail> noConverter = InvalidRequests.unconverted(new ConversionNotSupportedException(
                A_NAME, List.class, null));
        assertThat(noConverter.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(noConverter.getBody().getType().toString()).isEqualTo("urn:ketenbus:problem:internal-error");
        assertThat(noConverter.getBody().getDetail()).doesNotContain("Jansen");
    }
}
