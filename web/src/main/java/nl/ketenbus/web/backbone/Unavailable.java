package nl.ketenbus.web.backbone;

/**
 * A service did not answer in time, or answered that it cannot now: the page answers 503 too. For a change, says
 * whether it may have been made all the same.
 */
public final class Unavailable extends RuntimeException {

    private final long retryAfterSeconds;
    private final boolean mayHaveChanged;

    Unavailable(String message, long retryAfterSeconds, Throwable cause, boolean mayHaveChanged) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
        this.mayHaveChanged = mayHaveChanged;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** A change the service may have made although the page got no answer. */
    public boolean mayHaveChanged() {
        return mayHaveChanged;
    }
}
