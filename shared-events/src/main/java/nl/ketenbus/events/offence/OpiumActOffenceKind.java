package nl.ketenbus.events.offence;

/** The kinds of Opium Act offence the plan counts. */
public enum OpiumActOffenceKind {
    /** Possession. */
    BEZIT,
    /** Dealing. */
    HANDEL,
    /** Production. */
    PRODUCTIE
}
