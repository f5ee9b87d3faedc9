/** Load harness for the intake speed goals; results go to docs/benchmarks.md. */
package nl.ketenbus.benchmarks;
