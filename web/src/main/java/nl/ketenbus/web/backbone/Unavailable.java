package nl.ketenbus.web.backbone;

/** A service did not answer in time, or answered that it cannot now: the page answers 503 too. */
public final class Unavailable extends RuntimeException {

    private final long retryAfterSeconds;

    Unavailable(String message, long retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
