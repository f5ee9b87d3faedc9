package nl.ketenbus.query.projection;

/**
 * The shapes of the backbone's text extensions, checked character by character: the projection checks
 * every record's and takes the trace id of every row it writes, and regular expressions for these two
 * fixed shapes were 7 % of its thread's CPU samples in one profile (docs/benchmarks.md, issue 21).
 */
final class Shapes {

    /** {@code 00-} trace id {@code -} parent id {@code -} flags: W3C trace context, version 00. */
    private static final int TRACEPARENT_LENGTH = 55;
    /** An actor's pseudonym, {@code act-} and 32 lowercase hex digits ({@code CloudEventRecords}). */
    private static final int ACTOR_LENGTH = 36;

    private Shapes() {
    }

    /** {@code 00-<32 hex>-<16 hex>-<2 hex>}, hex digits in lower case. */
    static boolean isTraceparent(String value) {
        return value.length() == TRACEPARENT_LENGTH && value.startsWith("00-") && isLowerHex(value, 3, 35)
                && value.charAt(35) == '-' && isLowerHex(value, 36, 52) && value.charAt(52) == '-'
                && isLowerHex(value, 53, 55);
    }

    /** The trace id of a traceparent of {@link #isTraceparent its shape}, or null for any other text. */
    static String traceId(String traceparent) {
        return traceparent != null && isTraceparent(traceparent) ? traceparent.substring(3, 35) : null;
    }

    /** {@code act-<32 hex>} or {@code ketenbus} (the backbone itself). */
    static boolean isActor(String value) {
        return value.equals("ketenbus")
                || value.length() == ACTOR_LENGTH && value.startsWith("act-") && isLowerHex(value, 4, ACTOR_LENGTH);
    }

    private static boolean isLowerHex(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }
}
