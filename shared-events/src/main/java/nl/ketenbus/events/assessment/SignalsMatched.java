package nl.ketenbus.events.assessment;

import java.time.LocalDate;
import java.util.List;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SubjectEvent;

/**
 * Two or more organisations raised signals about the youth within the matching window. Like the
 * national Verwijsindex, a match says only <em>that</em> these organisations are involved, so that
 * they know whom to contact; it never carries what any of them signalled. Recorded by the backbone
 * for the signal meeting (signaaloverleg), again whenever a further organisation joins the match.
 *
 * @param subjectRef    pseudonymous reference of the youth
 * @param matchId       the backbone's identifier of this match
 * @param organisations the organisations whose signals matched, at least two
 * @param matchedOn     the day of the signal that completed the match
 */
public record SignalsMatched(String subjectRef, String matchId, List<OrganisationCode> organisations,
                             LocalDate matchedOn) implements SubjectEvent {
}
