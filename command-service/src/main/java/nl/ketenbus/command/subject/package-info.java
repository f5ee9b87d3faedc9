/** The subject feature: wiring of the subject aggregate into Axon. The rules live in {@code domain}. */
package nl.ketenbus.command.subject;
