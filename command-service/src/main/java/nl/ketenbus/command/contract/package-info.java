/** The one JSON form of the contract records, used in the event store, on the topic and at intake. */
package nl.ketenbus.command.contract;
