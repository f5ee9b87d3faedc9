/** The social perspective plan (sociaal perspectiefplan) that the casusregisseur keeps for a youth. */
package nl.ketenbus.events.perspective;
