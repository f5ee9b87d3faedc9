/**
 * Consumption of the backbone topic: each batch of records is applied to every read model and the
 * consumer position is stored in the same PostgreSQL transaction, so no record is applied twice
 * after a restart or redelivery and none is skipped.
 */
package nl.ketenbus.query.projection;
