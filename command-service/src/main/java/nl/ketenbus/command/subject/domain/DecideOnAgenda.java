package nl.ketenbus.command.subject.domain;

import java.time.LocalDate;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.casework.SignalMeetingDecision;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records what the signal meeting decided about a youth on its agenda (given by the gemeente, which
 * chairs the meeting).
 *
 * @param responsiblePartner the partner of another route; ignored for other decisions
 * @param followUpOn         the later meeting of a follow-up; ignored for other decisions
 */
public record DecideOnAgenda(@TargetAggregateIdentifier String subjectRef, LocalDate meetingOn,
                             SignalMeetingDecision decision, OrganisationCode responsiblePartner,
                             LocalDate followUpOn) {
}
