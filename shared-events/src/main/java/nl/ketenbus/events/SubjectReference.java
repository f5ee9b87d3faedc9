package nl.ketenbus.events;

import java.util.regex.Pattern;

/**
 * The shape of a youth's pseudonymous reference ({@code subjectRef}), as every contract schema and
 * every API path declares it; {@code SubjectReferenceTest} keeps the schemas in step with it.
 */
public final class SubjectReference {

    /** The pattern, for validation annotations and schemas. */
    public static final String PATTERN = "^[A-Za-z0-9_-]{8,80}$";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private SubjectReference() {
    }

    public static boolean isValid(String subjectRef) {
        return subjectRef != null && COMPILED.matcher(subjectRef).matches();
    }
}
