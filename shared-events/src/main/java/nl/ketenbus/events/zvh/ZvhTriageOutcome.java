package nl.ketenbus.events.zvh;

/** The ZVH's answer to an escalation. */
public enum ZvhTriageOutcome {
    CONFERENCE_PLANNED,
    DECLINED
}
