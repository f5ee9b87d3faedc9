package nl.ketenbus.command.subject.domain;

import nl.ketenbus.command.domain.Refusal;

/**
 * A command that the subject's rules refuse (see {@link Refusal}).
 */
public class SubjectRefusal extends Refusal {

    /** Why the subject refused the command. */
    public enum Reason {
        NOT_REGISTERED,
        INDICATOR_OUTSIDE_CATEGORY,
        SIGNAL_NOT_RAISED,
        NOT_A_PARTNER_FACT,
        CASE_NOT_ESCALATED,
        NO_RIEC_REFERRAL,
        FACTOR_NOT_RECORDED,
        MEASURE_ID_USED,
        MEASURE_NOT_IN_FORCE,
        MEASURE_INVALID,
        PERIOD_ENDS_BEFORE_IT_STARTS,
        NOTHING_TO_CORRECT,
        SUBJECT_ERASED,
        RETENTION_PASSED
    }

    public SubjectRefusal(Reason reason, String field, String message) {
        super(reason, field, message);
    }

    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }
}
