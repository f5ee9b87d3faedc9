package nl.ketenbus.events.assessment;

/** The outcome of a target-group assessment. */
public enum TargetGroupOutcome {
    /** Aged 12 to 21, 0 to 2 Opium Act antecedents, at least two risk indicators. */
    CRIMINELE_AANWAS,
    /** More than two Opium Act antecedents: the heavier category of the ondermijning approach. */
    ONDERMIJNING,
    NOT_IN_TARGET_GROUP
}
