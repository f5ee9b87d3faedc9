/**
 * The covenant (convenant) as data: a versioned, reviewable document of parties, purposes, data
 * categories, publishing rights and sharing rules, applied with default deny. {@link
 * nl.ketenbus.covenant.CovenantLoader} refuses a broken document with every error named;
 * {@link nl.ketenbus.covenant.Covenant} answers the questions of intake and projection.
 */
package nl.ketenbus.covenant;
