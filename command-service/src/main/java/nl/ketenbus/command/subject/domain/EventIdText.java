package nl.ketenbus.command.subject.domain;

/**
 * Whether an event's id is a UUID written as {@link java.util.UUID#toString} writes it (36 characters,
 * lower-case hexadecimal, the four dashes in place): only such an id can be held as two numbers and
 * given back unchanged. The backbone's own ids are ({@code TimeOrderedIdentifierFactory}); an id in
 * another form (capitals, a partner's own) is held as text.
 */
final class EventIdText {

    private static final int LENGTH = 36;

    private EventIdText() {
    }

    static boolean isCanonicalUuid(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            boolean fits = dash ? c == '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!fits) {
                return false;
            }
        }
        return true;
    }
}
