/**
 * The PGA case (persoonsgerichte aanpak) and its interventions, decided inside the youth's own
 * aggregate: the youth is the consistency boundary (no second open case, only participants act),
 * see ADR 0009. Plain Java plus Axon's modelling annotations; no Spring, Kafka or JDBC.
 */
package nl.ketenbus.command.casework.domain;
