package nl.ketenbus.command.subject.domain;

/**
 * A command that the subject's rules refuse. Nothing is stored. {@link #reason()} is a stable,
 * machine-readable code; the message is for people and never holds personal data.
 */
public class SubjectRefusal extends RuntimeException {

    /** Why the subject refused the command. */
    public enum Reason {
        NOT_REGISTERED,
        INDICATOR_OUTSIDE_CATEGORY,
        SIGNAL_NOT_RAISED,
        NOT_A_PARTNER_FACT,
        CASE_NOT_ESCALATED
    }

    private final Reason reason;
    private final String field;

    public SubjectRefusal(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The data field the refusal is about, or null when it concerns the fact as a whole. */
    public String field() {
        return field;
    }
}
