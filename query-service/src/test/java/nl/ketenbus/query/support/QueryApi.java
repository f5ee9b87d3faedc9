package nl.ketenbus.query.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.devinfra.DevTokens;

/** The query service's HTTP API as tests call it, with dev-only tokens. */
public final class QueryApi {

    /** An answer: status, content type, the JSON body and the {@code Location} header (or null). */
    public record Response(int status, String contentType, JsonNode body, String location) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;

    public QueryApi(int port) {
        this.port = port;
    }

    /** A token for one organisation holding one role (e.g. {@code professional}). */
    public static String token(String organisation, String role) {
        return DevTokens.forTests().mint(organisation, organisation + "-" + role, List.of(role), Duration.ofHours(1));
    }

    public Response get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET());
    }

    /** A GET with one extra header, e.g. {@code traceparent} or {@code Accept}; the body as text. */
    public String getText(String path, String token, String header, String value)
            throws IOException, InterruptedException {
        return HTTP.send(request(path, token).header(header, value).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    public Response getWith(String path, String token, String header, String value)
            throws IOException, InterruptedException {
        return send(request(path, token).header(header, value).GET());
    }

    public Response post(String path, String token, String contentType, String body)
            throws IOException, InterruptedException {
        return send(request(path, token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response put(String path, String token, String body) throws IOException, InterruptedException {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()),
                response.headers().firstValue("Location").orElse(null));
    }
}
