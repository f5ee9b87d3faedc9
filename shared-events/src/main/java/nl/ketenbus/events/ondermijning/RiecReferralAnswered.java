package nl.ketenbus.events.ondermijning;

import nl.ketenbus.events.OptionalField;
import nl.ketenbus.events.SubjectEvent;

/**
 * Team ondermijning answered the RIEC referral a case table proposed (see
 * {@link nl.ketenbus.events.casework.RiecReferralProposed}): it takes it up or declines, with the
 * reason. Published by team ondermijning, only while the case's referral waits for its answer.
 *
 * @param subjectRef    pseudonymous reference of the youth
 * @param caseId        the PGA case that proposed the referral
 * @param outcome       taken up or declined
 * @param declineReason optional: why the team declines; present exactly when it declines
 */
public record RiecReferralAnswered(
        String subjectRef,
        String caseId,
        RiecReferralOutcome outcome,
        @OptionalField RiecDeclineReason declineReason) implements SubjectEvent {
}
