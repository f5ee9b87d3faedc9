/**
 * The casework API: the case director's commands on a youth's PGA case and the partners'
 * interventions (HTTP, authorised by role and organisation, answered after the events are durable),
 * the periods of the approach, and the persisted deadlines behind the reminders.
 */
package nl.ketenbus.command.casework;
