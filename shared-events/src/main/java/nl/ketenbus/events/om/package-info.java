/** Facts of the public prosecutor (OM): its decisions on a youth's offences, in broad terms. */
package nl.ketenbus.events.om;
