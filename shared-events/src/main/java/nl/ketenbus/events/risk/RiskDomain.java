package nl.ketenbus.events.risk;

/** The part of a youth's life a risk factor lies in. */
public enum RiskDomain {
    INDIVIDUAL,
    FAMILY,
    SCHOOL,
    PEERS,
    NEIGHBOURHOOD
}
