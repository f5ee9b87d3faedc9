package nl.ketenbus.events.measure;

/** The legal articles the mayor's measures rest on. */
public enum LegalArticle {
    /** APV art. 2:78, the area ban of the municipal by-law. */
    APV_2_78("APV art. 2:78"),
    /** APV art. 2:74, the ban on street dealing, enforced by a penalty order. */
    APV_2_74("APV art. 2:74"),
    /** Opiumwet art. 13b, closure of premises. */
    OPIUMWET_13B("Opiumwet art. 13b");

    private final String citation;

    LegalArticle(String citation) {
        this.citation = citation;
    }

    /** How the article is cited in a decision. */
    public String citation() {
        return citation;
    }
}
