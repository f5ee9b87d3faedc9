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
 * counts whole, except PostgreSQL's backends: a connection closed within the phase (a baseline's pool)
 * ends its backend, whose time then counts through the server's main process ({@link #reapedChildren}),
 * or, while it is ending and no longer says what it runs, by its parent.
 * The machine's busy share comes from {@code /proc/stat} (Linux); elsewhere it is left out. So does how
 * long each part's threads waited for a core ({@link #waited}).
 * <p>
 * The JVMs' just-in-time compilers are counted apart as well ({@link #compilers}): on two shared cores
 * they take whatever the load leaves for many minutes after a start, so the machine is fully busy at any
 * rate and its busy time per unit (the cores over the rate, then) says nothing of what a unit costs;
 * without the compilers it does, for a node that has finished compiling.
 */
final class CpuShares {

    private static final String[] PARTS = {"query service", "command service", "PostgreSQL", "harness", "other"};

    private final Map<Long, Used> atStart;
    /** Each thread's run-queue time at the start, by process and thread id. */
    private final Map<Long, Map<String, Long>> waitedAtStart;
    private final long[] machineAtStart;
    /** The JIT compiler threads' CPU at the start, in ticks, by process. */
    private final Map<Long, Long> compilersAtStart;
    private final long startNanos = System.nanoTime();

    private CpuShares() {
        this.atStart = cpuByProcess();
        this.waitedAtStart = waitedByProcess();
        this.machineAtStart = machineTicks();
        this.compilersAtStart = compilerTicksByProcess();
    }

    /** Starts counting now. */
    static CpuShares begin() {
        return new CpuShares();
    }

    /**
     * As {@link #end()}, and the machine's busy time per unit of work done in the phase (e.g. per
     * accepted event, per row): on shared cores what one unit costs all the processes together, so that
     * what the machine can give at most is the cores divided by it.
     */
    String end(long units, String unit) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long[] machine = machineTicks();
        Map<Long, Long> compilersNow = compilerTicksByProcess();
        String shares = shares(seconds, compilersNow);
        if (machine.length == 0 || machineAtStart.length == 0 || units <= 0) {
            return shares;
        }
        double busySeconds = busyShare(machineAtStart, machine) * Runtime.getRuntime().availableProcessors() * seconds;
        double compilerSeconds = compilersNow.entrySet().stream()
                .mapToLong(now -> now.getValue() - compilersAtStart.getOrDefault(now.getKey(), 0L)).sum() / 100.0;
        return String.format("%s; the machine's busy time per %s: %.0f µs, without the JIT compilers %.0f µs", shares,
                unit, busySeconds / units * 1e6, (busySeconds - compilerSeconds) / units * 1e6);
    }

    /** What each part used since {@link #begin()}, e.g. "query service 0.82, PostgreSQL 0.45, ... cores". */
    String end() {
        return shares((System.nanoTime() - startNanos) / 1e9, compilerTicksByProcess());
    }

    private String shares(double seconds, Map<Long, Long> compilersNow) {
        Map<Long, Used> now = cpuByProcess();
        Map<String, Double> cores = new LinkedHashMap<>();
        Arrays.stream(PARTS).forEach(part -> cores.put(part, 0.0));
        now.forEach((pid, used) -> {
            Used before = atStart.get(pid);
            Duration since = before == null ? used.cpu() : used.cpu().minus(before.cpu());
            cores.merge(used.part(), since.toNanos() / 1e9 / seconds, Double::sum);
        });
        String used = cores.entrySet().stream().map(part -> String.format("%s %.2f", part.getKey(), part.getValue()))
                .collect(Collectors.joining(", "));
        long[] machine = machineTicks();
        String busy = machine.length == 0 || machineAtStart.length == 0 ? ""
                : String.format("; the machine %.0f %% busy", 100 * busyShare(machineAtStart, machine));
        return String.format("cores used: %s (of %d%s)%s%s", used, Runtime.getRuntime().availableProcessors(), busy,
                compilers(seconds, compilersNow), waited(seconds));
    }

    /** What the JVMs' JIT compiler threads used of each part's cores ("; of it the JIT compilers: harness 0.10"). */
    private String compilers(double seconds, Map<Long, Long> now) {
        Map<String, Double> parts = new LinkedHashMap<>();
        now.forEach((pid, ticks) -> parts.merge(part(pid),
                (ticks - compilersAtStart.getOrDefault(pid, 0L)) / 100.0 / seconds, Double::sum));
        parts.values().removeIf(cores -> cores <= 0);
        return parts.isEmpty() ? "" : parts.entrySet().stream()
                .map(part -> String.format("%s %.2f", part.getKey(), part.getValue()))
                .collect(Collectors.joining(", ", "; of it the JIT compilers: ", ""));
    }

    /**
     * The CPU time of each process's JIT compiler threads ("C1 CompilerThre…", "C2 CompilerThre…", as Linux
     * shortens their names) in ticks of 1/100 s (utime and stime of {@code /proc/<pid>/task/<tid>/stat});
     * processes without such threads, or without /proc, are left out.
     */
    private static Map<Long, Long> compilerTicksByProcess() {
        Map<Long, Long> compilers = new HashMap<>();
        ProcessHandle.allProcesses().forEach(process -> {
            try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
                long ticks = 0;
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    ticks += compilerTicks(task);
                }
                if (ticks > 0) {
                    compilers.put(process.pid(), ticks);
                }
            } catch (IOException | RuntimeException goneOrNotLinux) {
                // A process that ended while read, or no /proc: left out.
            }
        });
        return compilers;
    }

    private static long compilerTicks(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return 0;
            }
            String[] fields = fieldsAfterName(stat);
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException ended) {
            return 0;
        }
    }

    /**
     * How long each part's threads were ready to run but waited for a core, in seconds per second of the
     * phase (the scheduler's run-queue time, {@code /proc/<pid>/task/<tid>/schedstat}; Linux only). On
     * shared cores part of a latency is such a wait; this says whose and how much. Threads that ended
     * within the phase are left out, and one that ends while it is read counts nothing.
     */
    private String waited(double seconds) {
        Map<Long, Map<String, Long>> now = waitedByProcess();
        if (now.isEmpty()) {
            return "";
        }
        Map<String, Double> parts = new LinkedHashMap<>();
        Arrays.stream(PARTS).forEach(part -> parts.put(part, 0.0));
        now.forEach((pid, threads) -> {
            Map<String, Long> before = waitedAtStart.getOrDefault(pid, Map.of());
            long nanos = threads.entrySet().stream()
                    .mapToLong(thread -> Math.max(0, thread.getValue() - before.getOrDefault(thread.getKey(), 0L)))
                    .sum();
            parts.merge(part(pid), nanos / 1e9 / seconds, Double::sum);
        });
        return parts.entrySet().stream().map(part -> String.format("%s %.2f", part.getKey(), part.getValue()))
                .collect(Collectors.joining(", ", "; waited for a core: ", ""));
    }

    /**
     * Each thread's run-queue time so far, in nanoseconds, by process and thread id (a thread's own
     * figure: a process's would lose what its ended threads had waited); empty where /proc has none.
     */
    private static Map<Long, Map<String, Long>> waitedByProcess() {
        Map<Long, Map<String, Long>> waited = new HashMap<>();
        ProcessHandle.allProcesses().forEach(process -> {
            try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
                Map<String, Long> threads = new HashMap<>();
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    threads.put(task.getFileName().toString(), waitedNanos(task));
                }
                waited.put(process.pid(), threads);
            } catch (IOException | RuntimeException goneOrNotLinux) {
                // A process that ended while read, or no /proc: left out.
            }
        });
        return waited;
    }

    /**
     * Each process's part and CPU time so far, both read at once: a process classified later may have
     * ended meanwhile (a backend whose connection closed with the phase) and would count as "other".
     */
    private static Map<Long, Used> cpuByProcess() {
        Map<Long, Used> cpu = new HashMap<>();
        ProcessHandle.allProcesses().forEach(process -> process.info().totalCpuDuration().ifPresent(own -> {
            String part = part(process.pid());
            Duration used = part.equals("PostgreSQL") ? own.plus(reapedChildren(process.pid())) : own;
            cpu.put(process.pid(), new Used(part, used));
        }));
        return cpu;
    }

    /**
     * The CPU time of a process's children that ended and were waited for (cutime and cstime, the 16th
     * and 17th fields of {@code /proc/<pid>/stat}, in ticks of 1/100 s, Linux's USER_HZ): PostgreSQL's
     * main process waits for every backend, so a backend that ends within a phase still counts. Only
     * for PostgreSQL: the harness is the parent of the services it stops, whose whole lives would count
     * as the harness's. Zero where there is no /proc.
     */
    private static Duration reapedChildren(long pid) {
        try {
            String[] fields = fieldsAfterName(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            return Duration.ofMillis(10 * (Long.parseLong(fields[13]) + Long.parseLong(fields[14])));
        } catch (IOException | RuntimeException endedOrNotLinux) {
            return Duration.ZERO;
        }
    }

    /**
     * The fields of a {@code /proc/.../stat} line after the name in parentheses (which may hold spaces): the
     * state is the first, utime the 12th, cutime the 14th.
     */
    private static String[] fieldsAfterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    }

    private record Used(String part, Duration cpu) {
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
        if (command.contains("/postgres")) {
            return "PostgreSQL";
        }
        // A backend that is ending (its connection closed with the phase) no longer says what it runs.
        boolean ofPostgres = ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
                .flatMap(parent -> parent.info().command()).map(parent -> parent.contains("/postgres")).orElse(false);
        return ofPostgres ? "PostgreSQL" : "other";
    }

    /** One thread's run-queue time (the second field of its schedstat); 0 for a thread that ended meanwhile. */
    private static long waitedNanos(Path task) {
        try {
            return Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split("\\s+")[1]);
        } catch (IOException | RuntimeException ended) {
            return 0;
        }
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
