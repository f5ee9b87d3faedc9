/**
 * What an operator of the backbone does over HTTP that shows no youth's data: the records the
 * projection parked, and re-driving them after a fix.
 */
package nl.ketenbus.query.operations;
