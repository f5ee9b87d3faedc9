package nl.ketenbus.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The API descriptions' linters, run as CI runs them: Redocly CLI (its recommended rules) on an
 * OpenAPI description, a client generated from it and type-checked, the official AsyncAPI parser on
 * an AsyncAPI document. Both come from the npm
 * registry through {@code tools/api-lint} (pinned by its lock file), installed with the machine's
 * Node and npm at the first use; no browser or other download is involved.
 */
public final class ApiLint {

    /** What a linter said. */
    public record Result(int exitCode, String output) {

        public boolean passed() {
            return exitCode == 0;
        }
    }

    private ApiLint() {
    }

    /**
     * Fetches a running service's OpenAPI description ({@code /v3/api-docs}) into
     * {@code target/openapi/<name>.json} and returns the file, for the linters below.
     */
    public static Path fetchOpenApi(int port, String name) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("/v3/api-docs answered " + answer.statusCode());
            }
            Path file = Files.createDirectories(Path.of("target", "openapi")).resolve(name + ".json");
            Files.writeString(file, answer.body());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Redocly's recommended rules on an OpenAPI description (JSON or YAML). */
    public static Result openApi(Path description) {
        Path tools = tools();
        return run(tools, List.of(tools.resolve("node_modules/.bin/redocly").toString(), "lint",
                "--config", "redocly.yaml", description.toAbsolutePath().toString()));
    }

    /**
     * Generates a typed TypeScript client description from an OpenAPI description (openapi-typescript,
     * as an integrator would) into {@code output}, then type-checks it strictly with the TypeScript
     * compiler: a description a generator chokes on, or generates nonsense from, fails here.
     */
    public static Result generateClient(Path description, Path output) {
        Path tools = tools();
        Result generated = run(tools, List.of(tools.resolve("node_modules/.bin/openapi-typescript").toString(),
                description.toAbsolutePath().toString(), "-o", output.toAbsolutePath().toString()));
        if (!generated.passed()) {
            return generated;
        }
        return run(tools, List.of(tools.resolve("node_modules/.bin/tsc").toString(), "--noEmit", "--strict",
                output.toAbsolutePath().toString()));
    }

    /**
     * What both services' API tests check: the running service's description passes Redocly's
     * recommended rules without an error, and an integrator generates a strictly type-checked client
     * from it. Returns the generated client's text, for the caller to look for its operations.
     *
     * @throws AssertionError with the tools' output when either fails
     */
    public static String lintedClient(int port, String service) throws IOException {
        Path description = fetchOpenApi(port, service);
        Result lint = openApi(description);
        if (!lint.passed() || lint.output().contains("error")) {
            throw new AssertionError("the OpenAPI description does not pass the linter:\n" + lint.output());
        }
        Path client = description.resolveSibling(service + ".d.ts");
        Result generated = generateClient(description, client);
        if (!generated.passed()) {
            throw new AssertionError("no typed client could be generated:\n" + generated.output());
        }
        return Files.readString(client);
    }

    /** The official AsyncAPI parser on a document; fails on an error or a schema it cannot check. */
    public static Result asyncApi(Path document) {
        return run(tools(), List.of("node", "check-asyncapi.mjs", document.toAbsolutePath().toString()));
    }

    private static Path tools() {
        return NpmTools.installed("tools/api-lint");
    }

    private static Result run(Path directory, List<String> command) {
        NpmTools.Run run = NpmTools.run(directory, command);
        return new Result(run.exitCode(), run.output());
    }
}
