package nl.ketenbus.events.assessment;

import java.time.LocalDate;

import nl.ketenbus.events.SubjectEvent;

/**
 * The youth has more than two Opium Act antecedents and is routed to the ondermijning approach:
 * the notice to team ondermijning, published once when the assessment reaches that outcome.
 * Recorded by the backbone.
 *
 * @param subjectRef          pseudonymous reference of the youth
 * @param referenceDate       the day of the assessment that routed the youth
 * @param opiumActAntecedents number of Opium Act antecedents on that day
 */
public record RoutedToOndermijning(String subjectRef, LocalDate referenceDate, int opiumActAntecedents)
        implements SubjectEvent {
}
