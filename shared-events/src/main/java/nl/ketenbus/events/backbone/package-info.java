/**
 * Messages about the backbone itself, between the command and the query side; never about a youth.
 */
package nl.ketenbus.events.backbone;
