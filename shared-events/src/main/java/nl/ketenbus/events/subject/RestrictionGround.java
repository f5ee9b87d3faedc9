package nl.ketenbus.events.subject;

import java.util.Arrays;

/**
 * Why a youth's processing is restricted (AVG art. 18(1)), as the privacy officer decided it: while
 * it holds, the backbone keeps the youth's data and shows it to nobody (ADR 0025).
 */
public enum RestrictionGround {
    /** Art. 18(1)(a): the youth contests the data's accuracy, for as long as the partners check it. */
    ACCURACY_CONTESTED(false),
    /** Art. 18(1)(b): the processing is unlawful and the youth asks for restriction instead of erasure. */
    ERASURE_OPPOSED(true),
    /** Art. 18(1)(c): no longer needed by the approach, but the youth needs it for a legal claim. */
    NEEDED_FOR_LEGAL_CLAIM(true),
    /** Art. 18(1)(d): the youth objected (art. 21(1)) and the objection is being weighed. */
    OBJECTION_PENDING(false);

    private final boolean keepsDataWhole;

    RestrictionGround(boolean keepsDataWhole) {
        this.keepsDataWhole = keepsDataWhole;
    }

    /**
     * Whether the youth wants its data kept on this ground: then nothing of it expires, it is not
     * forgotten by retention, and it is not erased before the restriction is lifted.
     */
    public boolean keepsDataWhole() {
        return keepsDataWhole;
    }

    /** The names of the grounds that keep the youth's data whole, as a query's array parameter. */
    public static String[] keepingDataWhole() {
        return Arrays.stream(values()).filter(RestrictionGround::keepsDataWhole).map(Enum::name)
                .toArray(String[]::new);
    }
}
