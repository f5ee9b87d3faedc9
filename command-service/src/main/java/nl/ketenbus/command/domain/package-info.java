/** What the youth's aggregate and the case it holds share: plain Java, no framework. */
package nl.ketenbus.command.domain;
