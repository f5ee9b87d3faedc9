package nl.ketenbus.events.casework;

import java.time.LocalDate;

import nl.ketenbus.events.SubjectEvent;

/**
 * A reminder for the signal meeting: the assessment proposed the youth for the PGA and the meeting
 * has not decided about the proposal within the covenant's time. Raised by the backbone from a
 * persisted deadline; it stands until the meeting decides or a case is opened.
 *
 * @param subjectRef   pseudonymous reference of the youth
 * @param proposedOn   the day of the assessment that proposed the youth
 * @param overdueSince the day the decision became overdue
 */
public record ProposalOverdue(String subjectRef, LocalDate proposedOn, LocalDate overdueSince)
        implements SubjectEvent {
}
