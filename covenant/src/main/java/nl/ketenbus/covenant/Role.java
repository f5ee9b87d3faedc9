package nl.ketenbus.covenant;

/** The roles people and systems act in; a sharing rule names the recipient organisation and role. */
public enum Role {
    /** Case director (municipality) steering a PGA case. */
    CASUSREGISSEUR,
    /** A professional of a partner organisation. */
    PROFESSIONAL,
    /** Information analyst: aggregates only, never a single youth. */
    ANALIST,
    /** Writes the half-yearly report: aggregates only. */
    BELEIDSADVISEUR,
    /** Audits access and handles data-subject requests. */
    PRIVACY_OFFICER,
    /** Maintains the covenant document. */
    COVENANT_ADMINISTRATOR;

    /** Roles that may never see a single youth, whatever a rule says. */
    public boolean aggregateOnly() {
        return this == ANALIST || this == BELEIDSADVISEUR;
    }
}
