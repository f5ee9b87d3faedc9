package nl.ketenbus.command.subject.domain;

import java.time.Instant;

import nl.ketenbus.events.subject.ErasureGround;

/**
 * What erasing a youth does beyond its own stream, in the erasure's transaction: destroys its data
 * keys, removes it from the name search, and keeps the erasure proof (when, by whom, on what
 * ground, which categories of data), which holds nothing about the youth.
 */
public interface Erasures {

    void erase(String subjectRef, ErasureGround ground, String decidedBy, Instant at);
}
