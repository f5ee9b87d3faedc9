package nl.ketenbus.events.rvdk;

/** What the RvdK advises after an investigation: protection measures or criminal-law sanctions. */
public enum ChildProtectionAdvice {
    /** No measure or sanction needed. */
    NO_MEASURE,
    /** Help in a voluntary setting suffices. */
    VOLUNTARY_SUPPORT,
    /** Ondertoezichtstelling (OTS). */
    SUPERVISION_ORDER,
    /** Machtiging uithuisplaatsing. */
    OUT_OF_HOME_PLACEMENT,
    /** Gezagsbeëindigende maatregel. */
    TERMINATION_OF_PARENTAL_AUTHORITY,
    /** Taakstraf. */
    COMMUNITY_SERVICE,
    /** Supervision by jeugdreclassering as a condition. */
    YOUTH_PROBATION,
    /** Gedragsbeïnvloedende maatregel (GBM). */
    BEHAVIOURAL_MEASURE,
    /** Jeugddetentie. */
    YOUTH_DETENTION,
    /** Plaatsing in een inrichting voor jeugdigen (PIJ). */
    PIJ_MEASURE
}
