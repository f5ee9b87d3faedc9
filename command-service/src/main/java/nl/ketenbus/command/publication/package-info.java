/**
 * Publication of stored events to Kafka, at least once: a tracking processor reads the event store
 * (woken by this node's commits, ADR 0021), sends each event as a CloudEvent (Kafka binding, binary
 * mode) keyed by subject, and its token advances only after the broker acknowledged every send of
 * the batch.
 */
package nl.ketenbus.command.publication;
