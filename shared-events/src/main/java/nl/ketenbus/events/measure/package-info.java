/**
 * The mayor's administrative measures (APV art. 2:78 area ban, APV art. 2:74 penalty order, Opiumwet
 * art. 13b closure) as decisions: imposed by the gemeente, ended by themselves or lifted, breaches
 * seen by the police.
 */
package nl.ketenbus.events.measure;
