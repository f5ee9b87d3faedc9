package nl.ketenbus.events.subject;

/**
 * Why a youth's processing is restricted (AVG art. 18(1)), as the privacy officer decided it: while
 * it holds, the backbone keeps the youth's data and shows it to nobody (ADR 0025).
 */
public enum RestrictionGround {
    /** Art. 18(1)(a): the youth contests the data's accuracy, for as long as the partners check it. */
    ACCURACY_CONTESTED,
    /** Art. 18(1)(b): the processing is unlawful and the youth asks for restriction instead of erasure. */
    ERASURE_OPPOSED,
    /** Art. 18(1)(c): no longer needed by the approach, but the youth needs it for a legal claim. */
    NEEDED_FOR_LEGAL_CLAIM,
    /** Art. 18(1)(d): the youth objected (art. 21(1)) and the objection is being weighed. */
    OBJECTION_PENDING
}
