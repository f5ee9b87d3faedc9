package nl.ketenbus.events.assessment;

import java.time.LocalDate;

import nl.ketenbus.events.SubjectEvent;

/**
 * The youth was assessed against the target group of the approach. Criminele aanwas: aged 12 to 21
 * inclusive, 0 to 2 Opium Act antecedents and at least two risk indicators; more than two antecedents
 * routes the youth to the ondermijning approach. Carries the inputs so that the outcome can be
 * checked and counted later. Published by the gemeente (team OOV) after the signal meeting.
 *
 * @param subjectRef          pseudonymous reference of the youth
 * @param outcome             the target group the youth was placed in, if any
 * @param referenceDate       the day the assessment refers to
 * @param ageOnReferenceDate  age in whole years on {@code referenceDate}; the date of birth stays out
 * @param opiumActAntecedents number of Opium Act antecedents on {@code referenceDate}
 * @param riskIndicators      number of risk indicators on {@code referenceDate}
 */
public record TargetGroupAssessed(
        String subjectRef,
        TargetGroupOutcome outcome,
        LocalDate referenceDate,
        int ageOnReferenceDate,
        int opiumActAntecedents,
        int riskIndicators) implements SubjectEvent {
}
