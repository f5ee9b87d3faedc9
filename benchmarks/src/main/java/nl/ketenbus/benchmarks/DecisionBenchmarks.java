package nl.ketenbus.benchmarks;

import nl.ketenbus.query.audience.DecisionBenchmark;

/**
 * Runs the JMH benchmark of the covenant decision and the redaction ({@link DecisionBenchmark}) in a
 * forked JVM with the allocation profiler. Usage (docs/benchmarks.md): {@code ./mvnw -B -q -DskipTests
 * install && ./mvnw -B -q -pl benchmarks exec:java -Dbenchmark=DecisionBenchmarks}.
 */
public final class DecisionBenchmarks {

    private DecisionBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        JmhRun.run(DecisionBenchmark.class.getName());
        System.exit(0);
    }
}
