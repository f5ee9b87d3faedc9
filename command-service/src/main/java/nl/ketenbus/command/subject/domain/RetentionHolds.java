package nl.ketenbus.command.subject.domain;

/**
 * Whether a youth's data must be kept whole whatever its retention says: while its processing is
 * restricted because the youth opposed its erasure or needs it for a legal claim (AVG art. 18(1)(b)
 * and (c), ADR 0025), nothing of it expires and it is not forgotten.
 */
public interface RetentionHolds {

    boolean holds(String subjectRef);
}
