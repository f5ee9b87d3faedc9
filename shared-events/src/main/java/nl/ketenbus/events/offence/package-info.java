/** Offences: police registrations under the Opium Act (Opiumwet). */
package nl.ketenbus.events.offence;
