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
    LEGAL_OBLIGATION
}
