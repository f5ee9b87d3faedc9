/**
 * The published contracts of ketenbus: event records, their CloudEvents type names and JSON Schemas.
 * Depends on nothing of ours and on no framework beyond Jackson annotations.
 */
package nl.ketenbus.events;
