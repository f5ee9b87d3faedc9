package nl.ketenbus.events.intervention;

import java.time.LocalDate;

import nl.ketenbus.events.OptionalField;
import nl.ketenbus.events.SubjectEvent;

/**
 * An intervention for the youth started. Published by the organisation that carries it out
 * (jeugdhulp, jongerenwerk, onderwijs, Halt, jeugdreclassering, OM; the gemeente for administrative
 * measures).
 *
 * @param subjectRef     pseudonymous reference of the youth
 * @param interventionId the publisher's identifier of the intervention, which its end refers to
 * @param caseId         the PGA case the intervention belongs to
 * @param type           the intervention
 * @param plannedEnd     optional: the day it is planned to end, left out when open-ended
 */
public record InterventionStarted(
        String subjectRef,
        String interventionId,
        String caseId,
        InterventionType type,
        @OptionalField LocalDate plannedEnd) implements SubjectEvent {
}
