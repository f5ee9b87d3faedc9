package nl.ketenbus.events.intervention;

/** How far a completed intervention reached its goals. */
public enum InterventionResult {
    GOALS_ACHIEVED,
    GOALS_PARTLY_ACHIEVED,
    GOALS_NOT_ACHIEVED
}
