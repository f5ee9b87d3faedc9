package nl.ketenbus.events.perspective;

/** How an area of the perspective plan stands. */
public enum PerspectiveStatus {
    NOT_ASSESSED,
    /** A concern that nothing addresses yet. */
    AT_RISK,
    /** Agreed steps are being taken. */
    IN_PROGRESS,
    /** The area holds the youth; nothing more needed. */
    ON_TRACK
}
