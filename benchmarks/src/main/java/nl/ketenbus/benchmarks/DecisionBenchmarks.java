package nl.ketenbus.benchmarks;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import nl.ketenbus.query.audience.DecisionBenchmark;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmark of the covenant decision and the redaction ({@link DecisionBenchmark}) in a
 * forked JVM with the allocation profiler. Usage (docs/benchmarks.md): {@code ./mvnw -B -q -DskipTests
 * install && ./mvnw -B -q -pl benchmarks exec:java -Dbenchmark=DecisionBenchmarks}.
 */
public final class DecisionBenchmarks {

    private DecisionBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        // Under Maven's exec plugin the JVM's class path is Maven's own; JMH's fork needs the project's.
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader project) {
            System.setProperty("java.class.path", Stream.of(project.getURLs()).map(URL::getPath)
                    .collect(Collectors.joining(File.pathSeparator)));
        }
        new Runner(new OptionsBuilder().include(DecisionBenchmark.class.getName())
                .jvmArgs("-Xmx512m", "-XX:+UseParallelGC").addProfiler(GCProfiler.class).build()).run();
        System.exit(0);
    }
}
