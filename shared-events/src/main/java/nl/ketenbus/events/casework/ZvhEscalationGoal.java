package nl.ketenbus.events.casework;

/** What a ZVH case conference requested by a case should achieve. */
public enum ZvhEscalationGoal {
    /** One plan that aligns care, criminal-law and administrative measures. */
    JOINT_PLAN_OF_APPROACH,
    /** A shared assessment of the risks. */
    RISK_ASSESSMENT,
    /** Involve partners that only take part through the ZVH. */
    INVOLVE_ZVH_PARTNERS,
    /** A decision that breaks the deadlock between partners. */
    BREAK_DEADLOCK
}
