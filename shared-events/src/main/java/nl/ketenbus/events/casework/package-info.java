/**
 * The person-centred (PGA) case, directed by the casusregisseur; published by the gemeente. Its type
 * family is {@code case}, which Java does not allow as a package name.
 */
package nl.ketenbus.events.casework;
