package nl.ketenbus.command.domain;

import java.util.Locale;

/**
 * A command the domain's rules refuse; nothing is stored. The reason is stable and machine-readable
 * (its kebab-case name becomes the problem type); the message is for people and never holds
 * personal data. Expected, so it carries no stack trace.
 * (Java allows no generic exception, so each rule set narrows {@link #reason()} to its own enum.)
 */
public abstract class Refusal extends RuntimeException {

    private final Enum<?> reason;
    private final String field;

    protected Refusal(Enum<?> reason, String field, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.field = field;
    }

    public Enum<?> reason() {
        return reason;
    }

    /** The field the refusal is about, or null when it concerns the command as a whole. */
    public String field() {
        return field;
    }

    /** The problem type's slug: the reason in kebab case. */
    public String slug() {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
