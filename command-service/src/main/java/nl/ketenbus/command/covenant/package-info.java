/** The covenant this node applies: loaded (and checked) at start; a broken covenant stops the service. */
package nl.ketenbus.command.covenant;
