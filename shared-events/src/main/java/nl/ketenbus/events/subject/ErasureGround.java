package nl.ketenbus.events.subject;

/** The legal ground of an erasure, as the privacy officer decided it (AVG art. 17(1), and art. 21). */
public enum ErasureGround {
    /** Art. 17(1)(a): no longer necessary for the purposes of the approach. */
    NO_LONGER_NECESSARY,
    /** Art. 17(1)(c) with art. 21: the youth's objection was upheld. */
    OBJECTION_UPHELD,
    /** Art. 17(1)(d): the data was processed unlawfully. */
    UNLAWFULLY_PROCESSED,
    /** Art. 17(1)(e): a legal obligation requires it. */
    LEGAL_OBLIGATION,
    /**
     * The covenant's retention period for identity passed after the youth's last fact, without an
     * open case (ADR 0016): decided by the backbone on the youth's own deadline, never by a person.
     */
    RETENTION_ENDED
}
