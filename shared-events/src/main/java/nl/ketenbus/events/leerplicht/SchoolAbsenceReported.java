package nl.ketenbus.events.leerplicht;

import java.time.LocalDate;

import nl.ketenbus.events.OptionalField;
import nl.ketenbus.events.SubjectEvent;

/**
 * A compulsory-education officer (leerplicht) reports that the youth is absent from school or left
 * it without a qualification. Published by leerplicht.
 *
 * @param subjectRef  pseudonymous reference of the youth
 * @param absenceId   leerplicht's identifier of this absence report
 * @param kind        relative or absolute absence, or dropout
 * @param absentFrom  first day of the absence
 * @param absentUntil optional: last day of the absence, left out while it continues; not before
 *                    {@code absentFrom}
 */
public record SchoolAbsenceReported(
        String subjectRef,
        String absenceId,
        SchoolAbsenceKind kind,
        LocalDate absentFrom,
        @OptionalField LocalDate absentUntil) implements SubjectEvent {
}
