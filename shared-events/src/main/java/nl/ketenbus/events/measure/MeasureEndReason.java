package nl.ketenbus.events.measure;

/** Why a mayor's measure ended. */
public enum MeasureEndReason {
    /** Its last day passed; the backbone records this itself. */
    END_DATE_REACHED,
    /** The mayor lifted it before its end. */
    LIFTED,
    /** Revoked on objection or appeal. */
    REVOKED_ON_OBJECTION
}
