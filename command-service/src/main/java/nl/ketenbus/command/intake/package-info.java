/**
 * Partner intake over HTTP: one CloudEvent in structured JSON mode is read, checked (envelope,
 * known type, data against the type's JSON Schema), turned into a command and answered only after
 * the resulting event is durable in the event store.
 */
package nl.ketenbus.command.intake;
