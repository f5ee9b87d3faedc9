package nl.ketenbus.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One ketenbus service running as its own JVM from its runnable jar, as in production: used by the
 * local run and by the system tests (which also need to kill a service mid-stream).
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Small and quick to start: right for tests and the local run, not for measuring speed. */
    public static final List<String> QUICK_START = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code jar} with Spring Boot {@code properties} ({@code key=value}) on {@code port}
     * and waits until its readiness probe answers. Output goes to {@code log}, or is inherited when
     * {@code log} is null. The properties reach the service in its environment
     * ({@code SPRING_APPLICATION_JSON}), never on its command line: they carry keys and passwords,
     * and any user of the machine can read a process's command line, only its owner its environment.
     */
    public static ServiceProcess start(String name, Path jar, int port, List<String> properties, Path log,
                                       Duration startTimeout) {
        return start(name, jar, port, QUICK_START, properties, log, startTimeout);
    }

    /** As above, with the given JVM options (e.g. a production-like heap and JIT for benchmarks). */
    public static ServiceProcess start(String name, Path jar, int port, List<String> jvmOptions,
                                       List<String> properties, Path log, Duration startTimeout) {
        return start(name, jar, port, jvmOptions, properties, log, startTimeout, "/actuator/health/readiness");
    }

    /**
     * As above, but waits only until the service is alive: for a node that is deliberately never
     * ready (a benchmark's baseline without access log).
     */
    public static ServiceProcess startAlive(String name, Path jar, int port, List<String> jvmOptions,
                                            List<String> properties, Path log, Duration startTimeout) {
        return start(name, jar, port, jvmOptions, properties, log, startTimeout, "/actuator/health/liveness");
    }

    private static ServiceProcess start(String name, Path jar, int port, List<String> jvmOptions,
                                        List<String> properties, Path log, Duration startTimeout, String probe) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": runnable jar not found at " + jar + " (build it first)");
        }
        // As the image runs them: a service out of memory ends, loudly, instead of limping on with
        // threads that died (a test or benchmark then fails at once rather than waiting).
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SPRING_APPLICATION_JSON", asJson(properties));
        if (log == null) {
            builder.inheritIO();
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        try {
            ServiceProcess service = new ServiceProcess(name, builder.start(), port, log);
            service.awaitProbe(probe, startTimeout);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + port);
    }

    /** The CPU time the process has used so far, all its threads together (for a benchmark's cost per request). */
    public Duration cpuTime() {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
                "this platform does not tell a process's CPU time"));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops gracefully (SIGTERM), as an orchestrator would. */
    public void stop() {
        process.destroy();
        awaitExit();
    }

    /** Kills without warning (SIGKILL), as a crash would. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitProbe(String path, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest probe = HttpRequest.newBuilder(baseUri().resolve(path))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + logHint());
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // Starting up: try again below.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting " + name, e);
            }
            pause();
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " was not ready within " + timeout + logHint());
    }

    private String logHint() {
        return log == null ? "" : "; see " + log;
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code key=value} properties as the flat JSON object Spring Boot reads from its environment. */
    static String asJson(List<String> properties) {
        ObjectNode json = JSON.createObjectNode();
        for (String property : properties) {
            int equals = property.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("not a key=value property: " + property.split("=")[0]);
            }
            json.put(property.substring(0, equals), property.substring(equals + 1));
        }
        return json.toString();
    }

    /** A TCP port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JDK this JVM runs on, or {@code -Dservices.java.home=...}: another runtime for the services alone
     * (the harness and its broker stay on this one), so that runtimes can be compared with one build.
     */
    private static String javaBinary() {
        return Path.of(System.getProperty("services.java.home", System.getProperty("java.home")), "bin", "java")
                .toString();
    }

    @Override
    public String toString() {
        return name + " on " + baseUri();
    }
}
