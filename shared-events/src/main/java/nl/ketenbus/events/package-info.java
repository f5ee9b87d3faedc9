/**
 * The published contracts of ketenbus: event records, their CloudEvents type names and JSON Schemas.
 * Depends on nothing of ours and on no framework beyond Jackson annotations.
 *
 * <p>When a fact happened travels as the CloudEvents {@code time}; a payload carries a date only for a
 * day that differs from that moment (a signal's {@code observedOn}, an offence's {@code committedOn}).
 * Free text is never carried in clear, only as a {@link nl.ketenbus.events.SealedValue}.
 */
package nl.ketenbus.events;
