package nl.ketenbus.events.casework;

/** What a reminder on the case director's work list is about. */
public enum CaseReminder {
    /** The case has had no case conference for longer than the agreed period. */
    CONFERENCE_OVERDUE,
    /** An intervention is still running after its planned end. */
    INTERVENTION_OVERDUE
}
