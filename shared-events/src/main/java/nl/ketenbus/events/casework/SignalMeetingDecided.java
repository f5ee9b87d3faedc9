package nl.ketenbus.events.casework;

import java.time.LocalDate;

import nl.ketenbus.events.OptionalField;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SubjectEvent;

/**
 * The signal meeting decided about a youth on its agenda (recorded by the gemeente, which chairs it).
 * The youth leaves the agenda with it, unless the meeting follows the youth up at a later meeting.
 *
 * @param subjectRef         pseudonymous reference of the youth
 * @param meetingOn          the day of the meeting
 * @param decision           what the meeting decided
 * @param responsiblePartner optional: the partner that takes the youth up; present exactly for another route
 * @param followUpOn         optional: the meeting that discusses the youth again; present exactly for a follow-up
 */
public record SignalMeetingDecided(
        String subjectRef,
        LocalDate meetingOn,
        SignalMeetingDecision decision,
        @OptionalField OrganisationCode responsiblePartner,
        @OptionalField LocalDate followUpOn) implements SubjectEvent {
}
