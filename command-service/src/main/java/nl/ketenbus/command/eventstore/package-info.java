/** Wiring of the Axon event store and token store onto the Flyway-owned PostgreSQL tables. */
package nl.ketenbus.command.eventstore;
