package nl.ketenbus.command.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Posts partner events to a running command service the way a partner system does. */
public final class IntakeClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI events;

    public IntakeClient(int port) {
        this.events = URI.create("http://localhost:" + port + "/v1/events");
    }

    /** Posts the event with a token of the organisation its source names. */
    public HttpResponse<String> post(ObjectNode event) throws IOException, InterruptedException {
        return post(event.toString(), tokenOf(event));
    }

    /** As {@link #post(ObjectNode)}, giving up after {@code timeout} (for a test that must not hang). */
    public HttpResponse<String> post(ObjectNode event, Duration timeout) throws IOException, InterruptedException {
        return HTTP.send(request(event.toString(), tokenOf(event)).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String tokenOf(ObjectNode event) {
        return PartnerEvents.tokenFor(event.path("source").asText("urn:ketenbus:org:politie"));
    }

    public HttpResponse<String> post(String body, String token) throws IOException, InterruptedException {
        return HTTP.send(request(body, token).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a batch ({@code application/cloudevents-batch+json}) with the given token. */
    public HttpResponse<String> postBatch(String body, String token) throws IOException, InterruptedException {
        return HTTP.send(request(body, token, "application/cloudevents-batch+json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String body, String token) {
        return request(body, token, "application/cloudevents+json");
    }

    private HttpRequest.Builder request(String body, String token, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(events)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** Identifies a new youth as politie; returns the subjectRef the backbone derived. */
    public String registerNewYouth() throws IOException, InterruptedException {
        return identify("urn:ketenbus:org:politie", PartnerEvents.randomBsn());
    }

    /** Identifies the youth with this BSN as the given partner; returns the subjectRef. */
    public String identify(String source, String bsn) throws IOException, InterruptedException {
        HttpResponse<String> response = post(PartnerEvents.identification(source, bsn));
        if (response.statusCode() != 202) {
            throw new IllegalStateException("Identification answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("subject").asText();
    }
}
