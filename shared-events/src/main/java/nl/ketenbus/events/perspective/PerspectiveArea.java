package nl.ketenbus.events.perspective;

/** The areas of a youth's social perspective. */
public enum PerspectiveArea {
    EDUCATION,
    LEISURE,
    SUPPORT_NETWORK,
    SUPPORTING_ADULTS,
    PROTECTIVE_FACTORS
}
