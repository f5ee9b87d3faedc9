/** Retention events: facts of a youth that the covenant's retention periods (or the law) let expire. */
package nl.ketenbus.events.retention;
