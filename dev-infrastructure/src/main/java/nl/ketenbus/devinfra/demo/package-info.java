/**
 * A demo scenario that plays the partner systems and the case directors against a running backbone:
 * deterministic from a seed, shaped by the plan's own figures, usable as a load generator.
 */
package nl.ketenbus.devinfra.demo;
