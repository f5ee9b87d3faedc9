package nl.ketenbus.events.halt;

import nl.ketenbus.events.SubjectEvent;

/**
 * The youth was referred to Halt for an out-of-court settlement of a minor offence. Published by Halt
 * when it receives the referral from the police or a special investigating officer (boa).
 *
 * @param subjectRef pseudonymous reference of the youth
 * @param referralId Halt's identifier of the referral, which the settlement refers to
 */
public record HaltReferralMade(String subjectRef, String referralId) implements SubjectEvent {
}
