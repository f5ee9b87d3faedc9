/** Facts of the compulsory-education officers (leerplicht): school absence and dropout. */
package nl.ketenbus.events.leerplicht;
