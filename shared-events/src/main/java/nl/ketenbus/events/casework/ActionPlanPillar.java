package nl.ketenbus.events.casework;

/** The pillars of an action plan: care, education, sanction and administrative measures. */
public enum ActionPlanPillar {
    CARE,
    EDUCATION,
    SANCTION,
    ADMINISTRATIVE
}
