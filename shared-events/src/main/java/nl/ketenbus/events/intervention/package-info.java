/** Interventions for a youth in a PGA case: care, education, leisure, sanctions and administrative measures. */
package nl.ketenbus.events.intervention;
