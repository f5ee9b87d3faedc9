/**
 * The subject's event-sourced aggregate: one stream per youth. Plain Java plus Axon's modelling
 * annotations; no Spring, Kafka or JDBC (guarded by ArchUnit).
 */
package nl.ketenbus.command.subject.domain;
