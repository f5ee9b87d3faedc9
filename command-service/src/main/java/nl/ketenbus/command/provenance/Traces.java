package nl.ketenbus.command.provenance;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The W3C trace context of the work in progress on this thread (the partner's HTTP request, or the
 * Kafka record being read), as Micrometer Tracing continued it from the partner's
 * {@code traceparent}: kept with the facts it brings, so that the trace follows a fact to the read
 * that shows it (docs/security.md).
 */
@Component
public class Traces {

    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;
    private volatile Tracing tracing;

    Traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current {@code traceparent}; null when no span is in progress (or tracing is off). */
    public String current() {
        Tracing resolved = tracing();
        Span span = resolved.tracer() == null ? null : resolved.tracer().currentSpan();
        if (span == null || resolved.format() == null) {
            return null;
        }
        Map<String, String> headers = new HashMap<>();
        resolved.format().inject(span.context(), headers, Map::put);
        return headers.get("traceparent");
    }

    /**
     * Looked up once: both are singletons, and a provider asked on every call resolves its bean
     * through the bean factory each time, which took a tenth of the intake's request threads' CPU
     * under load (it is asked for every event of a batch; issue 21).
     */
    private Tracing tracing() {
        Tracing resolved = tracing;
        if (resolved == null) {
            resolved = new Tracing(tracer.getIfAvailable(), propagator.getIfAvailable());
            tracing = resolved;
        }
        return resolved;
    }

    private record Tracing(Tracer tracer, Propagator format) {
    }
}
