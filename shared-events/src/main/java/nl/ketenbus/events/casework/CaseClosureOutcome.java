package nl.ketenbus.events.casework;

/** Why a PGA case closed. */
public enum CaseClosureOutcome {
    GOALS_ACHIEVED,
    /** Continues in regular care without case direction. */
    TRANSFERRED_TO_REGULAR_CARE,
    /** Continues under the Zorg- en Veiligheidshuis. */
    TRANSFERRED_TO_ZVH,
    /** Continues under team ondermijning / the RIEC. */
    TRANSFERRED_TO_ONDERMIJNING,
    /** The youth and the family do not cooperate and there is no ground to compel. */
    NO_COOPERATION,
    /** The youth moved out of the municipality. */
    MOVED_AWAY,
    /** The youth no longer belongs to the target group, e.g. turned 22. */
    OUT_OF_TARGET_GROUP
}
