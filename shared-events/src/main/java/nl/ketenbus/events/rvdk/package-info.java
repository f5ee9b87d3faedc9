/** Facts of the child-protection board (Raad voor de Kinderbescherming): investigations and advice. */
package nl.ketenbus.events.rvdk;
