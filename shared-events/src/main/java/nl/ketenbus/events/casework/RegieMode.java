package nl.ketenbus.events.casework;

/** How the casusregisseur directs a case. */
public enum RegieMode {
    /** The casusregisseur steers the content of the case. */
    CASUSREGIE,
    /** The casusregisseur watches the process while a partner steers the content. */
    PROCESREGIE
}
