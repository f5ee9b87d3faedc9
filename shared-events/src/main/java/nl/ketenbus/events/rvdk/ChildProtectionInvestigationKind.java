package nl.ketenbus.events.rvdk;

/** The kinds of RvdK investigation. */
public enum ChildProtectionInvestigationKind {
    /** Beschermingsonderzoek: whether a child-protection measure is needed. */
    PROTECTION,
    /** Strafonderzoek: advice to the OM and the court about a youth suspect. */
    CRIMINAL
}
