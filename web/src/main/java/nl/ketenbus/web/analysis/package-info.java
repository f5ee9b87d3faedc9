/**
 * Counts for the analyst and the half-yearly report, never about a single youth: every number comes
 * from the query service's aggregates, with its small cells withheld there.
 */
package nl.ketenbus.web.analysis;
