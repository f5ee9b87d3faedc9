package nl.ketenbus.events.measure;

/** The mayor's administrative measures of the approach, each under its own legal article. */
public enum AdministrativeMeasure {
    /** Verblijfsontzegging: the youth may not be in an area for a period. */
    AREA_BAN(LegalArticle.APV_2_78),
    /** Last onder dwangsom against street dealing. */
    PENALTY_ORDER_DEALING(LegalArticle.APV_2_74),
    /** Closure of premises where drugs are dealt or kept (Damocles). */
    PREMISES_CLOSURE(LegalArticle.OPIUMWET_13B);

    private final LegalArticle legalArticle;

    AdministrativeMeasure(LegalArticle legalArticle) {
        this.legalArticle = legalArticle;
    }

    /** The article the mayor imposes this measure under. */
    public LegalArticle legalArticle() {
        return legalArticle;
    }
}
