package nl.ketenbus.command.subject.domain;

/**
 * A command that the subject's rules refuse. Nothing is stored. {@link #reason()} is a stable,
 * machine-readable code; the message is for people.
 */
public class SubjectRefusal extends RuntimeException {

    /** Why the subject refused the command. */
    public enum Reason {
        ALREADY_REGISTERED,
        NOT_REGISTERED,
        INDICATOR_OUTSIDE_CATEGORY
    }

    private final Reason reason;

    public SubjectRefusal(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
