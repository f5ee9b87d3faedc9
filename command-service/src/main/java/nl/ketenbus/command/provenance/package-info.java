/**
 * Where a stored event came from: the partner's CloudEvents id, source and time, carried as Axon
 * metadata from the intake command onto every event it causes, and from there onto Kafka.
 */
package nl.ketenbus.command.provenance;
