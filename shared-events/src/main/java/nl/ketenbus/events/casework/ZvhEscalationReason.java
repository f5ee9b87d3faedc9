package nl.ketenbus.events.casework;

/** Why a case escalates to the Zorg- en Veiligheidshuis. */
public enum ZvhEscalationReason {
    /** The local measures have not had effect. */
    LOCAL_APPROACH_INSUFFICIENT,
    /** Care and safety problems are intertwined beyond what the local table can handle. */
    COMPLEX_CARE_AND_SAFETY_PROBLEMS,
    /** The risk to the youth or others is rising. */
    ESCALATING_RISK,
    /** Partners at the table cannot agree or do not act. */
    DEADLOCK_BETWEEN_PARTNERS
}
