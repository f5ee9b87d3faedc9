package nl.ketenbus.query.commandside;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import nl.ketenbus.security.CurrentTrace;
import nl.ketenbus.security.InternalCalls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signed calls to the command side's internal path ({@link InternalCalls}). Not configured (no URL
 * or secret), it calls nothing. A call that does not answer in time, or answers no JSON, is
 * {@link Unavailable}; the caller decides what a refusal (a 4xx) means.
 */
@Component
public class CommandSide {

    /** The command side did not answer, answered no JSON, or is not configured. */
    public static final class Unavailable extends Exception {
        public Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** An answer: its status and its JSON body (empty object when it had none). */
    public record Answer(int status, JsonNode body) {

        public boolean ok() {
            return status == 200;
        }
    }

    private final Optional<URI> commandService;
    private final Optional<InternalCalls> calls;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();
    /** Calls that did not answer (or answered no JSON): reveals showed pseudonyms, searches answered 503. */
    private final Counter failures;
    private final CurrentTrace trace;

    CommandSide(@Value("${ketenbus.identity.release-url:}") String url,
                @Value("${ketenbus.internal.secret:}") String secret,
                @Value("${ketenbus.identity.release-timeout:PT2S}") Duration timeout, MeterRegistry meters,
                ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.trace = new CurrentTrace(tracer, propagator);
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

    /** Sends {@code body} (JSON; null for none) with {@code method} to {@code path}, signed. */
    public Answer send(String method, String path, JsonNode body) throws Unavailable {
        if (!configured()) {
            throw new Unavailable("the command side's internal path is not configured");
        }
        try {
            byte[] bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(commandService.get().resolve(path))
                    .timeout(timeout)
                    .header(InternalCalls.HEADER, calls.get().sign(method, path, bytes, clock.instant()));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            // The current trace goes with the call (W3C traceparent), so the command side's work joins it.
            trace.inject(request::header);
            HttpResponse<byte[]> answer = http.send(request.method(method, body == null
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(answer.statusCode(), answer.body().length == 0 ? json.createObjectNode()
                    : json.readTree(answer.body()));
        } catch (IOException e) {
            failures.increment();
            throw new Unavailable("the command side does not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    /** As {@link #send}, for an answer that must be 200: any other is {@link Unavailable}. */
    public JsonNode call(String method, String path, JsonNode body) throws Unavailable {
        Answer answer = send(method, path, body);
        if (!answer.ok()) {
            failures.increment();
            throw new Unavailable("the command side answered " + answer.status());
        }
        return answer.body();
    }

}
