/**
 * The privacy officer's pages: the access log by youth, user and period, users whose reading stands
 * out, break-glass grants to review, the chain verification and the youth's printable access report.
 * Each is the privacy officer's own call to the query service, so their oversight is logged too.
 */
package nl.ketenbus.web.privacy;
