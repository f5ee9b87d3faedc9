package nl.ketenbus.events.measure;

import java.time.LocalDate;

import nl.ketenbus.events.SubjectEvent;

/**
 * A mayor's measure ended: by itself after its last day (recorded by the backbone), or lifted or
 * revoked before it (published by the gemeente).
 *
 * @param subjectRef pseudonymous reference of the youth
 * @param measureId  the measure's identifier
 * @param reason     why it ended
 * @param endedOn    its last day in force
 */
public record MeasureEnded(String subjectRef, String measureId, MeasureEndReason reason, LocalDate endedOn)
        implements SubjectEvent {
}
