package nl.ketenbus.events.risk;

/** What draws a youth towards drug crime, as the plan names the motives. */
public enum RiskMotive {
    MONEY,
    STATUS,
    BELONGING,
    THRILL,
    BOREDOM,
    ADDICTION,
    DEBT,
    /** Threatened or forced into it. */
    COERCION
}
