/** Aggregate counts for the analyst and the half-yearly report: never a single youth. */
package nl.ketenbus.query.aggregate;
