package nl.ketenbus.events.casework;

import nl.ketenbus.events.SubjectEvent;

/**
 * The case table proposes to hand the case (or part of it) to team ondermijning and the RIEC, e.g.
 * when the youth or the parents earned much from dealing. Published by the gemeente.
 *
 * @param subjectRef pseudonymous reference of the youth
 * @param caseId     the case
 * @param reason     why the RIEC should look at it
 */
public record RiecReferralProposed(String subjectRef, String caseId, RiecReferralReason reason)
        implements SubjectEvent {
}
