package nl.ketenbus.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags a harness adds to a service it starts so that a failure can be explained afterwards:
 * a heap dump when the service runs out of memory (the services end on that, and a histogram taken
 * before the end cannot say what held the heap), and with {@code -Djfr=true} a Flight Recording with
 * the JDK's profile settings or the {@code .jfc} file of {@code -Djfr.settings=} (dumped on exit; dump
 * it earlier with {@code jcmd <pid> JFR.dump path-to-gc-roots=true} to see what keeps old objects
 * alive). With {@code -Dprofiler=<path of libasyncProfiler.so>} (async-profiler, from Maven Central as
 * {@code tools.profiler:async-profiler:4.2:jar:linux-x64}; not a dependency) a CPU profile by thread of the
 * service's whole life, in collapsed stacks ({@code name-cpu.collapsed}, written on exit): Flight
 * Recorder samples only threads running Java code, a few per period, and misses the rest. With
 * {@code -Dprofiler.event=wall} it samples every thread whether it runs or waits ({@code name-wall.collapsed});
 * with {@code -Dprofiler.event=alloc} it samples allocations every 512 KiB and counts bytes, not samples
 * ({@code name-alloc.collapsed}): which code allocates what the young generation has to collect. With
 * {@code -Dgc.log=true} its collections and other safepoints with their wall-clock times
 * ({@code name-pauses.log}), to set beside a harness's slow requests ({@link ReadLog}).
 */
final class Diagnostics {

    private static final boolean RECORD = Boolean.getBoolean("jfr");
    /** {@code -Djfr.settings=}: a .jfc file, e.g. with the promotion events on (what fills the old generation). */
    private static final String SETTINGS = System.getProperty("jfr.settings", "profile");
    private static final String PROFILER = System.getProperty("profiler", "");
    /** {@code -Dprofiler.event=wall}: where threads wait as well as where they run (every thread, running or not). */
    private static final String PROFILER_EVENT = System.getProperty("profiler.event", "itimer");
    /** {@code -Dgc.log=true}: every pause (collections and other safepoints) with its wall-clock time. */
    private static final boolean PAUSES = Boolean.getBoolean("gc.log");

    private Diagnostics() {
    }

    /** The given flags, plus the diagnostics, writing their files into {@code directory} as {@code name.*}. */
    static List<String> jvm(List<String> flags, Path directory, String name) {
        List<String> jvm = new ArrayList<>(flags);
        Path base = directory.toAbsolutePath();
        jvm.add("-XX:+HeapDumpOnOutOfMemoryError");
        jvm.add("-XX:HeapDumpPath=" + base.resolve(name + ".hprof"));
        if (PAUSES) {
            jvm.add("-Xlog:gc,safepoint:file=" + base.resolve(name + "-pauses.log") + ":timemillis,uptime,tags");
        }
        if (RECORD) {
            jvm.add("-XX:StartFlightRecording=settings=" + SETTINGS + ",dumponexit=true,filename="
                    + base.resolve(name + ".jfr"));
        }
        if (!PROFILER.isBlank()) {
            String suffix = PROFILER_EVENT.equals("itimer") ? "cpu" : PROFILER_EVENT;
            // An allocation profile's interval is in bytes, and its weight is the bytes, not the samples.
            String sampling = PROFILER_EVENT.equals("alloc") ? "alloc=512k,total" : "event=" + PROFILER_EVENT
                    + ",interval=2ms";
            jvm.add("-agentpath:" + PROFILER + "=start," + sampling + ",threads,collapsed,file="
                    + base.resolve(name + "-" + suffix + ".collapsed"));
        }
        return jvm;
    }

    /**
     * The log file {@code name.log} in {@code directory}, emptied: a service process appends to its
     * log (a node restarted within one test keeps its earlier lines), and a run's log should hold only
     * that run's lines.
     */
    static Path freshLog(Path directory, String name) {
        Path log = directory.resolve(name + ".log");
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot empty " + log, e);
        }
        return log;
    }
}
