package nl.ketenbus.command.subject.domain;

/**
 * Whether a pseudonym belongs to an erased history, asked by a registration under the youth's lock: an erasure the
 * erasure register carried out again for a pseudonym the database never knew leaves a proof and no stream, and a
 * registration that derived the pseudonym before that proof was written would otherwise open a live stream under
 * it (never erased, since its proof says it was).
 */
@FunctionalInterface
public interface ErasedPseudonyms {

    boolean erased(String subjectRef);
}
