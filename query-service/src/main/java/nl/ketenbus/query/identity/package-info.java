/**
 * Opening a youth's sealed identity fields through the command side's key-release path (ADR 0014):
 * only after the covenant gave a reader those fields, never the BSN, and never stored on this side.
 * The same signed path asks the command side for a search's pseudonyms and to carry out an erasure.
 */
package nl.ketenbus.query.identity;
