package nl.ketenbus.benchmarks;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs a JMH benchmark of the project in a forked JVM with the heap of the services' goal and the
 * allocation profiler. Usage (docs/benchmarks.md): {@code ./mvnw -B -q -DskipTests install && ./mvnw
 * -B -q -pl benchmarks exec:java -Dbenchmark=JmhRun -Djmh=HeadSignatureBenchmark} (the class's simple
 * name or any pattern JMH accepts; {@link DecisionBenchmarks} runs the decision's).
 */
public final class JmhRun {

    private JmhRun() {
    }

    public static void main(String[] args) throws Exception {
        run(System.getProperty("jmh", "HeadSignatureBenchmark"));
        System.exit(0);
    }

    static void run(String include) throws RunnerException {
        // Under Maven's exec plugin the JVM's class path is Maven's own; JMH's fork needs the project's.
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader project) {
            System.setProperty("java.class.path", Stream.of(project.getURLs()).map(URL::getPath)
                    .collect(Collectors.joining(File.pathSeparator)));
        }
        new Runner(new OptionsBuilder().include(include)
                .jvmArgs("-Xmx512m", "-XX:+UseParallelGC").addProfiler(GCProfiler.class).build()).run();
    }
}
