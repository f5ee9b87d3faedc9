package nl.ketenbus.events.ondermijning;

/** What team ondermijning did with a RIEC referral. */
public enum RiecReferralOutcome {
    /** The team takes the referral up in the ondermijning approach. */
    TAKEN_UP,
    /** The team declines it; the case stays with the PGA. */
    DECLINED
}
