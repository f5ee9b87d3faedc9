/**
 * PostgreSQL and Kafka for the tests and the local run, decided in one place; never used in
 * production. See {@link nl.ketenbus.devinfra.Postgres} and {@link nl.ketenbus.devinfra.Kafka}.
 */
package nl.ketenbus.devinfra;
