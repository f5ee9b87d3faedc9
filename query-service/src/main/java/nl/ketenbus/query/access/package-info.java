/**
 * The one access point every read of subject data goes through: it establishes the reader's
 * audience (organisation and role from the token, purpose from the request) and refuses readers the
 * covenant gives nothing for that purpose. The access log (audit issue) hooks in here.
 */
package nl.ketenbus.query.access;
