package nl.ketenbus.events.jeugdreclassering;

/** How a youth-probation supervision ended. */
public enum SupervisionOutcome {
    /** Ran its term as ordered or agreed. */
    COMPLETED,
    /** The youth did not keep to the conditions; reported back (terugmelding) to the OM or court. */
    RETURNED_TO_PROSECUTOR,
    /** Ended before its term for another reason, e.g. the order was lifted or the youth moved. */
    ENDED_EARLY
}
