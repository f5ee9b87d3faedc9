package nl.ketenbus.events.intervention;

import java.util.Optional;

/**
 * The interventions of the plan. The administrative measures are the mayor's, each resting on a legal
 * article (APV articles as numbered in the municipality's by-law; the plan cites Haarlemmermeer's).
 */
public enum InterventionType {
    FORENSIC_COACH,
    YOUTH_CARE,
    EDUCATION_DAY_ACTIVITY,
    TALENT_DEVELOPMENT,
    LEISURE_SPORT,
    LEISURE_MUSIC,
    LEISURE_CULTURE,
    HALT_SETTLEMENT,
    YOUTH_PROBATION,
    CRIMINAL_PROSECUTION,
    /** Verblijfsontzegging: a ban from an area. */
    AREA_BAN("APV art. 2:78"),
    /** Last onder dwangsom against street dealing. */
    PENALTY_ORDER_DEALING("APV art. 2:74"),
    /** Closure of premises where drugs are dealt or kept (Damocles). */
    PREMISES_CLOSURE("Opiumwet art. 13b");

    private final String legalArticle;

    InterventionType() {
        this(null);
    }

    InterventionType(String legalArticle) {
        this.legalArticle = legalArticle;
    }

    /** The article the administrative measure rests on; empty for every other intervention. */
    public Optional<String> legalArticle() {
        return Optional.ofNullable(legalArticle);
    }

    /** Whether this is an administrative measure of the mayor. */
    public boolean administrative() {
        return legalArticle != null;
    }
}
