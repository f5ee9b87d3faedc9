package nl.ketenbus.events.subject;

import nl.ketenbus.events.SubjectEvent;

/**
 * A youth became known to the backbone. Opens the subject's event stream. Carries no personal data
 * yet: name, date of birth and BSN arrive encrypted per subject in a later contract version.
 *
 * @param subjectRef pseudonymous reference of the youth
 */
public record SubjectRegistered(String subjectRef) implements SubjectEvent {
}
