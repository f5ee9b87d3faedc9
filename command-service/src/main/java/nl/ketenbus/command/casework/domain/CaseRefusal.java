package nl.ketenbus.command.casework.domain;

import nl.ketenbus.command.domain.Refusal;

/**
 * A case command the case's rules refuse; nothing is stored. Each reason says which kind of
 * answer it deserves.
 */
public class CaseRefusal extends Refusal {

    /** Why, each with the kind of answer it deserves. */
    public enum Reason {
        SUBJECT_NOT_REGISTERED(Kind.NOT_FOUND),
        SUBJECT_ERASED(Kind.NOT_FOUND),
        SUBJECT_NOT_PROPOSED(Kind.CONFLICT),
        CASE_ALREADY_OPEN(Kind.CONFLICT),
        CASE_ID_USED(Kind.CONFLICT),
        CASE_NOT_FOUND(Kind.NOT_FOUND),
        CASE_CLOSED(Kind.CONFLICT),
        NOT_A_PARTICIPANT(Kind.FORBIDDEN),
        NOT_THE_CASE_DIRECTORS_ORGANISATION(Kind.FORBIDDEN),
        NOT_THE_CASE_DIRECTOR(Kind.FORBIDDEN),
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
        STOP_REASON_RESERVED(Kind.INVALID),
        NOT_ON_AGENDA(Kind.CONFLICT),
        FOLLOW_UP_NOT_LATER(Kind.INVALID),
        GROUP_NOT_FOUND(Kind.NOT_FOUND),
        GROUP_ID_USED(Kind.CONFLICT),
        NOT_THE_GROUP_DIRECTOR(Kind.FORBIDDEN),
        STEP_NOT_FORWARD(Kind.CONFLICT),
        PROCESSING_RESTRICTED(Kind.CONFLICT);

        private final Kind kind;

        Reason(Kind kind) {
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /** The family of answer: unknown, refused to this caller, in conflict with the case, or invalid. */
    public enum Kind {
        NOT_FOUND, FORBIDDEN, CONFLICT, INVALID
    }

    public CaseRefusal(Reason reason, String field, String message) {
        super(reason, field, message);
    }

    /**
     * The one answer to an intervention from a caller who takes part in no open case of the youth with that
     * id, whatever the reason (no such youth, erased, no such case, closed, not taking part): it tells the
     * caller nothing about a youth in whose case it has no part.
     */
    public static CaseRefusal takesNoPart() {
        return new CaseRefusal(Reason.NOT_A_PARTICIPANT, null, "your organisation takes part in no open case of "
                + "this youth with this id; only participants record interventions");
    }

    /** An intervention of a participant about a youth whose processing is restricted (ADR 0025). */
    public static CaseRefusal processingRestricted() {
        return new CaseRefusal(Reason.PROCESSING_RESTRICTED, "subjectRef", "the processing of this youth's data is "
                + "restricted (AVG art. 18): nothing is recorded about it until a privacy officer lifts the "
                + "restriction");
    }

    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }
}
