package nl.ketenbus.events.intervention;

/** Why an intervention stopped before its course was run. */
public enum InterventionStopReason {
    /** The youth or the family does not cooperate. */
    NO_COOPERATION,
    /** It does not work; the case table chooses another. */
    NOT_EFFECTIVE,
    /** Replaced by another intervention, e.g. a heavier one. */
    REPLACED,
    /** An administrative or criminal-law measure was lifted, e.g. on objection or appeal. */
    MEASURE_LIFTED,
    /** The youth moved out of reach of the provider. */
    SUBJECT_MOVED,
    /** The PGA case closed. */
    CASE_CLOSED
}
