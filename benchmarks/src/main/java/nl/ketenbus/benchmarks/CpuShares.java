package nl.ketenbus.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who used the machine's cores during a phase: the query and command services, PostgreSQL, this
 * harness (its load clients, its probes and the in-process broker) and everything else (the kernel's
 * threads among it, e.g. writing back to disk), in cores
 * (CPU seconds per second of the phase). On two cores shared by all of them a latency is mostly a
 * queue behind whoever else runs; this says who that was. It reads every process's CPU time at the
 * start and at the end: a process that ended in between is left out, one that started in between
 * counts whole. The machine's busy share comes from {@code /proc/stat} (Linux); elsewhere it is left out.
 */
final class CpuShares {

    private static final String[] PARTS = {"query service", "command service", "PostgreSQL", "harness", "other"};

    private final Map<Long, Duration> atStart;
    private final long[] machineAtStart;
    private final long startNanos = System.nanoTime();

    private CpuShares() {
        this.atStart = cpuByProcess();
        this.machineAtStart = machineTicks();
    }

    /** Starts counting now. */
    static CpuShares begin() {
        return new CpuShares();
    }

    /** What each part used since {@link #begin()}, e.g. "query service 0.82, PostgreSQL 0.45, ... cores". */
    String end() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<Long, Duration> now = cpuByProcess();
        Map<String, Double> cores = new LinkedHashMap<>();
        Arrays.stream(PARTS).forEach(part -> cores.put(part, 0.0));
        now.forEach((pid, cpu) -> cores.merge(part(pid),
                cpu.minus(atStart.getOrDefault(pid, Duration.ZERO)).toNanos() / 1e9 / seconds, Double::sum));
        String used = cores.entrySet().stream().map(part -> String.format("%s %.2f", part.getKey(), part.getValue()))
                .collect(Collectors.joining(", "));
        long[] machine = machineTicks();
        String busy = machine.length == 0 || machineAtStart.length == 0 ? ""
                : String.format("; the machine %.0f %% busy", 100 * busyShare(machineAtStart, machine));
        return String.format("cores used: %s (of %d%s)", used, Runtime.getRuntime().availableProcessors(), busy);
    }

    private static Map<Long, Duration> cpuByProcess() {
        Map<Long, Duration> cpu = new HashMap<>();
        ProcessHandle.allProcesses().forEach(process -> process.info().totalCpuDuration()
                .ifPresent(used -> cpu.put(process.pid(), used)));
        return cpu;
    }

    private static String part(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            return "harness";
        }
        ProcessHandle.Info info = ProcessHandle.of(pid).map(ProcessHandle::info).orElse(null);
        String command = info == null ? "" : info.command().orElse("") + " " + info.commandLine().orElse("");
        if (command.contains("query-service")) {
            return "query service";
        }
        if (command.contains("command-service")) {
            return "command service";
        }
        return command.contains("/postgres") ? "PostgreSQL" : "other";
    }

    /** The first line of /proc/stat: the machine's time in each state since boot, in ticks; empty elsewhere. */
    private static long[] machineTicks() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            return Arrays.stream(first.trim().split("\\s+")).skip(1).mapToLong(Long::parseLong).toArray();
        } catch (IOException | RuntimeException notLinux) {
            return new long[0];
        }
    }

    /**
     * Busy is everything but idle (4th) and waiting for I/O (5th) of the first eight states (user, nice,
     * system, idle, iowait, irq, softirq, steal); the guests' time after them is counted in user already.
     */
    private static double busyShare(long[] before, long[] after) {
        long total = 0;
        long idle = 0;
        for (int state = 0; state < Math.min(8, Math.min(before.length, after.length)); state++) {
            long ticks = after[state] - before[state];
            total += ticks;
            if (state == 3 || state == 4) {
                idle += ticks;
            }
        }
        return total == 0 ? 0 : (total - idle) / (double) total;
    }
}
