/**
 * Erasure (AVG art. 17 and 21, ADR 0015): the privacy officer's decision, carried out by the command
 * side, and what the query side removes when the backbone's fact that a youth was erased arrives.
 */
package nl.ketenbus.query.erasure;
