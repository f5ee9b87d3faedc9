/**
 * Partner intake on both channels: a CloudEvent over HTTP (structured or binary mode, or a batch)
 * or from the partner's own Kafka topic is read, checked (envelope, known type, publishing right,
 * data against the type's JSON Schema), turned into a command and answered (HTTP) or committed
 * (Kafka, refusals to the partner's dead-letter topic) only after its outcome is durable.
 */
package nl.ketenbus.command.intake;
