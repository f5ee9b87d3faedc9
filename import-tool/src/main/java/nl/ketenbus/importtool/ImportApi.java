package nl.ketenbus.importtool;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The command service's import API (docs/onboarding.md) as the tool calls it. A 503 or a connection
 * that fails (a service restarting, a database away) is tried again after the Retry-After the service
 * gives (or a few seconds), up to {@code attempts} times, each time said to {@code retries}: a chunk
 * sent again costs the service its decision again, so the partner should see why; anything else the
 * service refuses stops the import with the service's own problem.
 */
final class ImportApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);

    /** The service refused the call: its status and RFC 9457 problem. */
    static final class Refused extends Exception {

        private final int status;
        private final String type;

        Refused(int status, JsonNode problem) {
            super(status + " " + problem.path("title").asText("") + ": " + problem.path("detail").asText(""));
            this.status = status;
            this.type = problem.path("type").asText("");
        }

        int status() {
            return status;
        }

        String type() {
            return type;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI imports;
    private final String token;
    private final int attempts;
    private final Consumer<String> retries;

    ImportApi(URI service, String importId, String token, int attempts, Consumer<String> retries) {
        this.imports = service.resolve("/v1/imports/" + importId);
        this.token = token;
        this.attempts = attempts;
        this.retries = retries;
    }

    JsonNode declare(long events, int chunkEvents, String manifest) throws IOException, InterruptedException,
            Refused {
        String declaration = JSON.createObjectNode().put("events", events).put("chunkEvents", chunkEvents)
                .put("manifest", manifest).toString();
        return call("the declaration", request(imports).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(declaration)));
    }

    JsonNode progress() throws IOException, InterruptedException, Refused {
        return call("the progress", request(imports).GET());
    }

    JsonNode send(int chunk, byte[] body) throws IOException, InterruptedException, Refused {
        return call("chunk " + chunk, request(URI.create(imports + "/chunks/" + chunk))
                .header("Content-Type", "application/x-ndjson").PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    JsonNode seal() throws IOException, InterruptedException, Refused {
        return call("the seal", request(URI.create(imports + "/seal")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json");
    }

    private JsonNode call(String what, HttpRequest.Builder request) throws IOException, InterruptedException,
            Refused {
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            String why;
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    return JSON.readTree(response.body());
                }
                JsonNode problem = problemOf(response.body());
                // Busy (503) and over the organisation's share of the node (429, which the partner's live
                // system shares with its import): sent again after the wait the service asks for.
                boolean retried = response.statusCode() == 503 || response.statusCode() == 429;
                if (!retried || attempt >= attempts) {
                    throw new Refused(response.statusCode(), problem);
                }
                wait = response.headers().firstValue("Retry-After").map(ImportApi::seconds).orElse(DEFAULT_WAIT);
                why = response.statusCode() + " "
                        + problem.path("type").asText("").replaceFirst("^urn:ketenbus:problem:", "");
            } catch (IOException unreachable) {
                if (attempt >= attempts) {
                    throw unreachable;
                }
                wait = DEFAULT_WAIT;
                why = unreachable.getClass().getSimpleName() + (unreachable.getMessage() == null ? ""
                        : " (" + unreachable.getMessage() + ")");
            }
            retries.accept(String.format(Locale.ROOT, "%s: %s; sending it again in %d s (attempt %d of %d)", what, why,
                    wait.toSeconds(), attempt + 1, attempts));
            Thread.sleep(wait.toMillis());
        }
    }

    private static JsonNode problemOf(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.createObjectNode().put("detail", "the answer was not a problem document");
        }
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException httpDate) {
            return DEFAULT_WAIT;
        }
    }
}
