package nl.ketenbus.events.offence;

/** How the youth appears in the police registration. */
public enum OffenceRegistration {
    /** Involved or seen, but not registered as a suspect. */
    SIGNAAL,
    /** Registered as a suspect; counts as an antecedent. */
    ANTECEDENT
}
