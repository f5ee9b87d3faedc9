/** The consolidated, chronological timeline per youth: its projection, its queries and its API. */
package nl.ketenbus.query.timeline;
