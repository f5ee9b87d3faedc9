/**
 * The case director's pages: the case view with the case commands as forms (a refused command shows
 * its reason at its form), the work list with reminders, and the signal meeting's agenda.
 */
package nl.ketenbus.web.casework;
