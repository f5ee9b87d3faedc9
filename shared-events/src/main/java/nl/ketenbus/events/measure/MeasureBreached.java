package nl.ketenbus.events.measure;

import java.time.LocalDate;

import nl.ketenbus.events.SubjectEvent;

/**
 * The police saw the youth breach a mayor's measure in force (in the banned area, dealing despite
 * the penalty order). Accepted only for a measure in force on that day.
 *
 * @param subjectRef pseudonymous reference of the youth
 * @param measureId  the measure breached
 * @param breachId   the police's identifier of the observation
 * @param observedOn the day of the breach
 */
public record MeasureBreached(String subjectRef, String measureId, String breachId, LocalDate observedOn)
        implements SubjectEvent {
}
