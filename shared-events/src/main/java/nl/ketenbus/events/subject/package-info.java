/** Identity events: a youth becomes known to the backbone under a pseudonymous reference. */
package nl.ketenbus.events.subject;
