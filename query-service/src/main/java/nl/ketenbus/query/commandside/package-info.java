/**
 * The query side's end of the command side's signed internal path ({@code /internal/**}): the one
 * transport that the key release, the searches, the erasure and the covenant switch share.
 */
package nl.ketenbus.query.commandside;
