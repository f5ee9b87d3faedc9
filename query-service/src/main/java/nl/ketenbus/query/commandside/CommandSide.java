package nl.ketenbus.query.commandside;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.annotation.PreDestroy;
import nl.ketenbus.security.CurrentTrace;
import nl.ketenbus.security.InternalCalls;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signed calls to the command side's internal path ({@link InternalCalls}). Not configured (no URL
 * or secret), it calls nothing. A call that does not answer in time, or answers no JSON, is
 * {@link Unavailable}; the caller decides what a refusal (a 4xx) means.
 * <p>
 * The calls go over a pool of blocking keep-alive connections (Apache HttpClient 5 classic), sent and read
 * by the calling thread: the JDK's client hands every exchange to a selector thread and back, which cost
 * a quarter of a revealing read's threads (docs/benchmarks.md). Nothing is sent twice on its own.
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

    /** Connections kept to the command side: the revealing threads' and the request threads' calls at once. */
    private static final int CONNECTIONS = 64;

    private final Optional<URI> commandService;
    private final Optional<InternalCalls> calls;
    private final CloseableHttpClient http;
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
        Timeout deadline = Timeout.of(timeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(CONNECTIONS).setMaxConnPerRoute(CONNECTIONS)
                        // A connection idle for a second is checked before it is used again, and one idle
                        // for ten is closed: the command side's Tomcat closes its end after 20 s.
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(deadline)
                                .setSocketTimeout(deadline).setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(deadline)
                        .setResponseTimeout(deadline).build())
                .evictIdleConnections(TimeValue.ofSeconds(10))
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
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
            HttpUriRequestBase request = new HttpUriRequestBase(method, commandService.get().resolve(path));
            request.setHeader(InternalCalls.HEADER, calls.get().sign(method, path, bytes, clock.instant()));
            if (body != null) {
                request.setEntity(new ByteArrayEntity(bytes, ContentType.APPLICATION_JSON));
            }
            // The current trace goes with the call (W3C traceparent), so the command side's work joins it.
            trace.inject(request::setHeader);
            return http.execute(request, response -> {
                byte[] answer = response.getEntity() == null ? new byte[0]
                        : EntityUtils.toByteArray(response.getEntity());
                return new Answer(response.getCode(), answer.length == 0 ? json.createObjectNode()
                        : json.readTree(answer));
            });
        } catch (IOException e) {
            failures.increment();
            throw new Unavailable("the command side does not answer: " + e.getClass().getSimpleName());
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
