/**
 * The casework read models, folded from what the reader's audience sees (so never more than the
 * covenant gives it): a youth's case view, the signal meeting's agenda and the case director's work
 * list. Every read goes through {@code access.CaseworkReads} and is in the access log.
 */
package nl.ketenbus.query.casework;
