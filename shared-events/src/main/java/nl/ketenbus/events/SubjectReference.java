package nl.ketenbus.events;

import java.util.regex.Pattern;

/**
 * The shape of a youth's pseudonymous reference ({@code subjectRef}), as every contract schema and
 * every API path declares it; {@code SubjectReferenceTest} keeps the schemas in step with it.
 */
public final class SubjectReference {

    /** The pattern every published contract schema declares (published: changed only by a new version). */
    public static final String CONTRACT_PATTERN = "^[A-Za-z0-9_-]{8,80}$";

    /**
     * What an API path, a page or an intake attribute accepts: the contracts' pattern, but never a number. A
     * number is never a pseudonym (the backbone's are {@code sr-} and 64 hex digits); a BSN, or a partner's own
     * case or registration number, typed where a pseudonym belongs is refused before it can reach an access
     * record (kept for years and never rewritten), a receipt or an address.
     */
    public static final String PATTERN = "^(?![0-9]+$)[A-Za-z0-9_-]{8,80}$";

    /**
     * The form of every pseudonym the backbone issues: {@code sr-} and the 64 hex digits of its keyed hash.
     * What a page takes from a person typing or pasting one.
     */
    public static final String ISSUED_PATTERN = "^sr-[0-9a-f]{64}$";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);
    private static final Pattern ISSUED = Pattern.compile(ISSUED_PATTERN);

    private SubjectReference() {
    }

    public static boolean isValid(String subjectRef) {
        return subjectRef != null && COMPILED.matcher(subjectRef).matches();
    }

    /** Whether the value has the form of a pseudonym the backbone issued ({@link #ISSUED_PATTERN}). */
    public static boolean isIssued(String subjectRef) {
        return subjectRef != null && ISSUED.matcher(subjectRef).matches();
    }
}
