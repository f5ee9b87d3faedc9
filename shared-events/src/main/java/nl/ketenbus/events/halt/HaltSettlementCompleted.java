package nl.ketenbus.events.halt;

import nl.ketenbus.events.SubjectEvent;

/**
 * A Halt settlement came to its end, fulfilled or not. Published by Halt.
 *
 * @param subjectRef pseudonymous reference of the youth
 * @param referralId the {@code referralId} of the {@link HaltReferralMade} this settles
 * @param outcome    whether the youth fulfilled the settlement
 */
public record HaltSettlementCompleted(String subjectRef, String referralId, HaltSettlementOutcome outcome)
        implements SubjectEvent {
}
