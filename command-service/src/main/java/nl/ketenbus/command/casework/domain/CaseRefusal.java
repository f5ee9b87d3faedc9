package nl.ketenbus.command.casework.domain;

/**
 * A case command the case's rules refuse; nothing is stored. {@link #reason()} is stable and
 * machine-readable (it becomes the problem type); the message is for people and holds no personal data.
 */
public class CaseRefusal extends RuntimeException {

    /** Why, each with the kind of answer it deserves. */
    public enum Reason {
        SUBJECT_NOT_REGISTERED(Kind.NOT_FOUND),
        SUBJECT_NOT_PROPOSED(Kind.CONFLICT),
        CASE_ALREADY_OPEN(Kind.CONFLICT),
        CASE_ID_USED(Kind.CONFLICT),
        CASE_NOT_FOUND(Kind.NOT_FOUND),
        CASE_CLOSED(Kind.CONFLICT),
        NOT_A_PARTICIPANT(Kind.FORBIDDEN),
        NOT_THE_CASE_DIRECTORS_ORGANISATION(Kind.FORBIDDEN),
        DIRECTOR_REQUIRED(Kind.INVALID),
        ORGANISATION_DIRECTS_THE_CASE(Kind.CONFLICT),
        PARTICIPANT_HAS_RUNNING_INTERVENTIONS(Kind.CONFLICT),
        DATE_IN_FUTURE(Kind.INVALID),
        DATE_BEFORE_CASE(Kind.INVALID),
        PLANNED_END_IN_PAST(Kind.INVALID),
        EMPTY(Kind.INVALID),
        VERSION_CONFLICT(Kind.CONFLICT),
        MEASURE_OUTSIDE_PILLAR(Kind.INVALID),
        ESCALATION_PENDING(Kind.CONFLICT),
        INTERVENTION_ID_USED(Kind.CONFLICT),
        INTERVENTION_NOT_FOR_ORGANISATION(Kind.FORBIDDEN),
        INTERVENTION_NOT_RUNNING(Kind.CONFLICT),
        NOT_WHO_STARTED_THE_INTERVENTION(Kind.FORBIDDEN),
        STOP_REASON_RESERVED(Kind.INVALID);

        private final Kind kind;

        Reason(Kind kind) {
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }

        /** The problem type's slug: the reason in kebab case. */
        public String slug() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** The family of answer: unknown, refused to this caller, in conflict with the case, or invalid. */
    public enum Kind {
        NOT_FOUND, FORBIDDEN, CONFLICT, INVALID
    }

    private final Reason reason;
    private final String field;

    public CaseRefusal(Reason reason, String field, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The request field the refusal is about, or null when it concerns the command as a whole. */
    public String field() {
        return field;
    }
}
