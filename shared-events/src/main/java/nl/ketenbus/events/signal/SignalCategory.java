package nl.ketenbus.events.signal;

/** The five categories of the signal card (signalenkaart): which kind of change was noticed. */
public enum SignalCategory {
    /** Change in possessions. */
    BEZIT,
    /** Change in behaviour. */
    GEDRAG,
    /** Change in contacts. */
    CONTACTEN,
    /** Change in location. */
    LOCATIE,
    /** Other changes. */
    OVERIG
}
