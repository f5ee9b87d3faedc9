package nl.ketenbus.events.subject;

import java.time.LocalDate;

import nl.ketenbus.events.SubjectEvent;

/**
 * The youth was erased (AVG art. 17, or art. 21 upheld): its data keys are destroyed, so nothing
 * sealed about it opens again, and every consumer removes what it holds of the youth. Carries no
 * data about the youth and not who decided (that is in the erasure proof, which only the backbone
 * keeps). The last event of the youth's stream: the backbone refuses anything after it, and a later
 * identification of the same person starts a new history under a new pseudonym (ADR 0015).
 *
 * @param subjectRef pseudonymous reference of the erased youth
 * @param ground     the legal ground the privacy officer decided on
 * @param erasedOn   the day of the erasure
 */
public record SubjectErased(String subjectRef, ErasureGround ground, LocalDate erasedOn) implements SubjectEvent {
}
