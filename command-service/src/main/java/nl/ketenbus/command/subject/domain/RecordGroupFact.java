package nl.ketenbus.command.subject.domain;

import nl.ketenbus.events.SubjectEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a fact of the group approach on a member's stream (joined, step reached, left), as the
 * group's director decided it for the group ({@code YouthGroup}).
 *
 * @param caseId the youth's open case to link to the group, when it joins; else null
 */
public record RecordGroupFact(@TargetAggregateIdentifier String subjectRef, SubjectEvent fact, String caseId) {
}
