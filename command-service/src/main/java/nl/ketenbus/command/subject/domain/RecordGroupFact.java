package nl.ketenbus.command.subject.domain;

import nl.ketenbus.events.SubjectEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a fact of the group approach on a member's stream (joined, step reached, left), as the
 * group's director decided it for the group ({@code YouthGroup}).
 *
 * @param caseId    the youth's open case to link to the group, when it joins; else null
 * @param actorUser who joins the youth (the group's director): a case is linked only by its own director
 */
public record RecordGroupFact(@TargetAggregateIdentifier String subjectRef, SubjectEvent fact, String caseId,
                              String actorUser) {

    /** A fact that links no case (a step, leaving). */
    public RecordGroupFact(String subjectRef, SubjectEvent fact) {
        this(subjectRef, fact, null, null);
    }
}
