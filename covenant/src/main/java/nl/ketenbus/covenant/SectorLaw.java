package nl.ketenbus.covenant;

/** The law under which a party processes personal data. */
public enum SectorLaw {
    /** Algemene verordening gegevensbescherming (GDPR). */
    AVG,
    /** Wet politiegegevens. */
    WPG,
    /** Wet justitiële en strafvorderlijke gegevens. */
    WJSG,
    /** Jeugdwet. */
    JEUGDWET
}
