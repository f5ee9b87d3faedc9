package nl.ketenbus.events;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Marks a contract record component that a publisher may leave out; every other component is
 * required. An absent value is left out of the JSON rather than written as {@code null}, because the
 * schemas accept a missing property but never a {@code null} one. The targets beyond
 * {@code RECORD_COMPONENT} let the annotation reach the accessor Jackson looks at.
 */
@Retention(RUNTIME)
@Target({RECORD_COMPONENT, FIELD, METHOD, PARAMETER})
@JacksonAnnotationsInside
@JsonInclude(JsonInclude.Include.NON_NULL)
public @interface OptionalField {
}
