/** The privacy officer's views of the access log, the chain verification, break-glass review and the data subject's access report. */
package nl.ketenbus.query.privacy;
