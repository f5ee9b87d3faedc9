package nl.ketenbus.events.ondermijning;

/** Why team ondermijning declines a RIEC referral (a reason from a list: never free text about a person). */
public enum RiecDeclineReason {
    /** The facts give the RIEC no grounds for an undermining case. */
    INSUFFICIENT_GROUNDS,
    /** The youth or the family is in an RIEC case already. */
    ALREADY_IN_RIEC_CASE,
    /** The PGA approach suits better; the case table goes on. */
    PGA_APPROACH_SUFFICES,
    /** The team cannot take it up now; the case table may refer again. */
    NO_CAPACITY
}
