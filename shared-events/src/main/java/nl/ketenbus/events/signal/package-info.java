/** Early-signalling events, following the signal card (signalenkaart) of the plan. */
package nl.ketenbus.events.signal;
