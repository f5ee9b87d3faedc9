package nl.ketenbus.covenant;

/**
 * Where a youth stands towards a reader's organisation, for the rules that depend on it: whether the
 * organisation takes part in the youth's open case (need-to-know rules), and whether the youth is on
 * the signal meeting's agenda (rules that hold only while it is: a match, a proposal or a routing to
 * the ondermijning approach puts it there).
 */
public record Standing(boolean caseParticipant, boolean onAgenda) {

    public static final Standing OUTSIDER = new Standing(false, false);
    public static final Standing PARTICIPANT = new Standing(true, false);

    boolean meets(SharingRule rule) {
        return (!rule.needToKnow() || caseParticipant) && (!rule.whileOnAgenda() || onAgenda);
    }
}
