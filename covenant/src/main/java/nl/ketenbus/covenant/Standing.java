package nl.ketenbus.covenant;

/**
 * Where a youth stands towards a reader, for the rules that depend on it: whether the reader's
 * organisation takes part in the youth's open case (need-to-know rules), whether the reader directs
 * that case in person (rules for the case's director alone), and whether the youth is on the signal
 * meeting's agenda (rules that hold only while it is: a match, a proposal or a routing to the
 * ondermijning approach puts it there).
 */
public record Standing(boolean caseParticipant, boolean onAgenda, boolean caseDirector) {

    public static final Standing OUTSIDER = new Standing(false, false);
    public static final Standing PARTICIPANT = new Standing(true, false);

    /**
     * A standing as the stored read model decides it: an audience taking part in the case is decided
     * as its director would see it; another reader of that audience is narrowed at read time.
     */
    public Standing(boolean caseParticipant, boolean onAgenda) {
        this(caseParticipant, onAgenda, caseParticipant);
    }

    /** The same standing for a reader of the audience who does not direct the case. */
    public Standing notDirecting() {
        return new Standing(caseParticipant, onAgenda, false);
    }

    boolean meets(SharingRule rule) {
        return (!rule.needToKnow() || caseParticipant) && (!rule.whileOnAgenda() || onAgenda)
                && (!rule.caseDirectorOnly() || caseDirector);
    }
}
