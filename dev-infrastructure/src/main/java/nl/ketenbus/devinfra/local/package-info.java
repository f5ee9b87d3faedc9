/** The local run: the whole backbone on one machine with embedded defaults. */
package nl.ketenbus.devinfra.local;
