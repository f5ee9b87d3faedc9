package nl.ketenbus.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem answers (RFC 9457, {@code application/problem+json}) an endpoint may give besides the
 * {@code 401} every endpoint may give; the API description lists them with the problem schema. Name
 * only statuses the endpoint's code can really answer.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ProblemAnswers {

    /** HTTP statuses, e.g. {@code {400, 403, 503}}. */
    int[] value();
}
