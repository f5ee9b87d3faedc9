package nl.ketenbus.events.assessment;

/**
 * The target group's criteria (chapter 2.1 of the plan), in one place: the command side assesses youths
 * by them ({@code TargetGroup}) and the youth's access report explains the assessment with them (AVG
 * art. 15(1)(h)), so the explanation cannot drift from the rule.
 */
public final class TargetGroupCriteria {

    /** The youngest age in the target group, inclusive. */
    public static final int YOUNGEST = 12;
    /** The oldest age in the target group, inclusive. */
    public static final int OLDEST = 21;
    /** The most Opium Act antecedents of criminele aanwas; more routes the youth to the ondermijning approach. */
    public static final int MOST_ANTECEDENTS = 2;
    /** The fewest risk indicators (distinct signal indicators and risk factors) of criminele aanwas. */
    public static final int FEWEST_INDICATORS = 2;
    /** The fewest organisations whose signals about a youth match (the Verwijsindex's rule). */
    public static final int MATCHING_ORGANISATIONS = 2;

    private TargetGroupCriteria() {
    }
}
