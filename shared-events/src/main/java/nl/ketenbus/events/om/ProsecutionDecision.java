package nl.ketenbus.events.om;

/** What the public prosecutor decided about an offence, in the broad terms the approach needs. */
public enum ProsecutionDecision {
    /** Dismissed (sepot): no prosecution. */
    DISMISSED,
    /** Dismissed on conditions (voorwaardelijk sepot). */
    CONDITIONALLY_DISMISSED,
    /** Settled out of court by the prosecutor (OM-strafbeschikking, transactie). */
    SETTLED,
    /** Summoned before the juvenile court (dagvaarding). */
    SUMMONED,
    /** The court convicted the youth. */
    CONVICTED,
    /** The court acquitted the youth. */
    ACQUITTED
}
