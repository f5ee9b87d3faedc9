package nl.ketenbus.events.casework;

import java.time.LocalDate;

import nl.ketenbus.events.OptionalField;
import nl.ketenbus.events.SubjectEvent;

/**
 * A reminder for the case director's work list came due. Raised by the backbone from a persisted
 * deadline; it stays open until the case does what it asks (holds a conference, ends the
 * intervention) or closes.
 *
 * @param subjectRef     pseudonymous reference of the youth
 * @param caseId         the case
 * @param reminder       what the reminder is about
 * @param dueSince       the day the reminder came due
 * @param interventionId the overdue intervention; left out for a conference reminder
 */
public record CaseReminderRaised(String subjectRef, String caseId, CaseReminder reminder, LocalDate dueSince,
                                 @OptionalField String interventionId) implements SubjectEvent {
}
