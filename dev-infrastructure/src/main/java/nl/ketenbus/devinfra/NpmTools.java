package nl.ketenbus.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tests' tools from the npm registry (linters, axe-core), each in a folder under {@code tools/}
 * with its lock file, installed with the machine's Node and npm at the first use. No browser or
 * other download is involved.
 */
public final class NpmTools {

    /** What a command said. */
    public record Run(int exitCode, String output) {
    }

    private NpmTools() {
    }

    /** {@code folder} (e.g. {@code tools/api-lint}), found upwards from the working directory, installed. */
    public static synchronized Path installed(String folder) {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve(folder).resolve("package.json"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("no " + folder + " above " + Path.of("").toAbsolutePath());
        }
        Path tools = directory.resolve(folder);
        if (!Files.exists(tools.resolve("node_modules/.package-lock.json"))) {
            Run installed = run(tools, List.of("npm", "ci", "--no-audit", "--no-fund"));
            if (installed.exitCode() != 0) {
                throw new IllegalStateException("npm ci in " + tools + " failed:\n" + installed.output());
            }
        }
        return tools;
    }

    /** Runs {@code command} in {@code directory}, within five minutes. */
    public static Run run(Path directory, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 5 minutes");
            }
            return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + " (are Node and npm installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
