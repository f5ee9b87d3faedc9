/** Facts of the Zorg- en Veiligheidshuis: triage of escalated cases and individual case conferences (ICO). */
package nl.ketenbus.events.zvh;
