package nl.ketenbus.query.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.security.InternalCalls;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The query side's end of the command side's signed internal path ({@link InternalCalls}): the
 * key release (ADR 0014: sends the sealed values a covenant decision gave a reader, returns them
 * opened), the pseudonyms a search asks for, and carrying out an erasure the privacy officer
 * decided (ADR 0015). Not configured (no URL or secret), it opens nothing. Any failure is
 * {@link Unavailable}: a read then shows the pseudonym only, a search or an erasure answers 503.
 */
@Component
public class IdentityRelease {

    private static final String OPEN = "/internal/v1/identity/open";
    private static final String PSEUDONYM = "/internal/v1/identity/pseudonym";
    private static final String BY_NAME = "/internal/v1/identity/by-name";

    /** The command side knows no youth with this pseudonym. */
    public static final class Unknown extends Exception {
        Unknown() {
            super("no youth with this subjectRef", null, false, false);
        }
    }

    /** An erasure as the command side's proof holds it. */
    public record Erased(String subjectRef, String ground, String erasedOn, int keysDestroyed) {
    }

    /** The release did not answer, or refused. */
    public static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    private final Optional<URI> commandService;
    private final Optional<InternalCalls> calls;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();
    /** Calls that failed: the reads showed pseudonyms only, the searches answered 503. */
    private final Counter failures;

    IdentityRelease(@Value("${ketenbus.identity.release-url:}") String url,
                    @Value("${ketenbus.internal.secret:}") String secret,
                    @Value("${ketenbus.identity.release-timeout:PT2S}") Duration timeout, MeterRegistry meters) {
        this.failures = meters.counter("ketenbus.identity.reveals.failed");
        this.commandService = url.isBlank() ? Optional.empty() : Optional.of(URI.create(url.replaceAll("/+$", "")));
        this.calls = secret.isBlank() ? Optional.empty() : Optional.of(new InternalCalls(secret));
        this.timeout = timeout;
        // Plain HTTP/1.1 with kept-alive connections: no h2c upgrade attempt on every call.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public boolean configured() {
        return commandService.isPresent() && calls.isPresent();
    }

    /** The opened values by field; a field whose key was destroyed is left out. */
    public Map<String, String> open(String subjectRef, Map<String, JsonNode> sealed, String purpose, String rule)
            throws Unavailable {
        ObjectNode request = json.createObjectNode().put("subjectRef", subjectRef).put("purpose", purpose)
                .put("rule", rule);
        ObjectNode values = request.putObject("values");
        sealed.forEach(values::set);
        Map<String, String> opened = new LinkedHashMap<>();
        call(OPEN, request).path("values").fields()
                .forEachRemaining(field -> opened.put(field.getKey(), field.getValue().asText()));
        return opened;
    }

    /** The pseudonym of a BSN (a valid one: the caller checks first), whether or not such a youth exists. */
    public String pseudonymOf(String bsn) throws Unavailable {
        return call(PSEUDONYM, json.createObjectNode().put("bsn", bsn)).path("subjectRef").asText();
    }

    /** The pseudonyms of the youths identified with this family name and date of birth. */
    public List<String> pseudonymsOf(String familyName, LocalDate dateOfBirth) throws Unavailable {
        List<String> found = new ArrayList<>();
        call(BY_NAME, json.createObjectNode().put("familyName", familyName).put("dateOfBirth", dateOfBirth.toString()))
                .path("subjectRefs").forEach(subjectRef -> found.add(subjectRef.asText()));
        return found;
    }

    /**
     * Has the command side erase the youth (ADR 0015): its keys destroyed, the erasure recorded; the
     * same answer when it was erased before.
     */
    public Erased erase(String subjectRef, String ground, String decidedBy) throws Unknown, Unavailable {
        String path = "/internal/v1/subjects/" + subjectRef + "/erasure";
        HttpResponse<byte[]> answer = send(path, json.createObjectNode().put("ground", ground)
                .put("decidedBy", decidedBy));
        if (answer.statusCode() == 404) {
            throw new Unknown();
        }
        JsonNode erased = read(answer);
        return new Erased(subjectRef, erased.path("ground").asText(), erased.path("erasedOn").asText(),
                erased.path("keysDestroyed").asInt());
    }

    private JsonNode call(String path, ObjectNode request) throws Unavailable {
        return read(send(path, request));
    }

    private JsonNode read(HttpResponse<byte[]> answer) throws Unavailable {
        if (answer.statusCode() != 200) {
            failures.increment();
            throw new Unavailable("the key-release path answered " + answer.statusCode());
        }
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            failures.increment();
            throw new Unavailable("the key-release path answered no JSON");
        }
    }

    private HttpResponse<byte[]> send(String path, ObjectNode request) throws Unavailable {
        if (!configured()) {
            throw new Unavailable("the key-release path is not configured");
        }
        try {
            byte[] body = json.writeValueAsBytes(request);
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(commandService.get().resolve(path))
                            .timeout(timeout)
                            .header("Content-Type", "application/json")
                            .header(InternalCalls.HEADER, calls.get().sign("POST", path, body, clock.instant()))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return answer;
        } catch (IOException e) {
            failures.increment();
            throw new Unavailable("the key-release path does not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }
}
