/** What the command side's transactions remember for their own duration. */
package nl.ketenbus.command.transaction;
