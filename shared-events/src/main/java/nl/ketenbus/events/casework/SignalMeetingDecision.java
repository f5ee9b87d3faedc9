package nl.ketenbus.events.casework;

/** What the signal meeting decided about a youth on its agenda. */
public enum SignalMeetingDecision {
    /** The assessment's proposal is accepted: the casusregisseur opens a PGA case. */
    PGA_PROPOSAL_ACCEPTED,
    /** Another route: one partner (youth work, school, care, ...) takes it up; it is named. */
    OTHER_ROUTE,
    /** No action. */
    NO_ACTION,
    /** Discussed again at a later meeting; the youth stays on the agenda. */
    FOLLOW_UP
}
