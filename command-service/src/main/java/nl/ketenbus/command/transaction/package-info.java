/**
 * What the command side's transactions remember for their own duration, and units of work whose transaction ends
 * with them.
 */
package nl.ketenbus.command.transaction;
