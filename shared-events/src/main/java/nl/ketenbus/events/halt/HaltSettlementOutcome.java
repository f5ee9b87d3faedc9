package nl.ketenbus.events.halt;

/** How a Halt settlement ended. */
public enum HaltSettlementOutcome {
    /** Positief afgerond: the offence is settled, no prosecution follows. */
    FULFILLED,
    /** Negatief afgerond: Halt reports back to the police and the OM, who may prosecute. */
    NOT_FULFILLED
}
