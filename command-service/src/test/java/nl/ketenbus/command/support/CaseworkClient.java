package nl.ketenbus.command.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import nl.ketenbus.devinfra.DevTokens;

/** Calls the casework API as a given organisation and role, with dev-only tokens. */
public final class CaseworkClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;

    public CaseworkClient(int port) {
        this.base = "http://localhost:" + port;
    }

    /** A case director of the gemeente. */
    public static String caseDirector() {
        return DevTokens.forTests().mint("gemeente", "casusregisseur-1", List.of("casusregisseur"), Duration.ofHours(1));
    }

    /** A professional of the organisation. */
    public static String professional(String organisation) {
        return DevTokens.forTests().mint(organisation, organisation + "-user", List.of("professional"),
                Duration.ofHours(1));
    }

    public HttpResponse<String> send(String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String body, String token) throws IOException, InterruptedException {
        return send("POST", path, body, token);
    }
}
