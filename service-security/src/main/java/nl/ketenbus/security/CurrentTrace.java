package nl.ketenbus.security;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The W3C trace context of the work in progress on this thread, as Micrometer Tracing continued it
 * (docs/security.md, "One trace across every hop"): written into the headers of a call, or kept with
 * the facts a request brings. Tracing off, there is none.
 */
public final class CurrentTrace {

    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;
    private volatile Tracing tracing;

    public CurrentTrace(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current {@code traceparent}; null when no span is in progress (or tracing is off). */
    public String traceparent() {
        Map<String, String> headers = new HashMap<>();
        inject(headers::put);
        return headers.get("traceparent");
    }

    /** Writes the current trace context as headers; nothing when no span is in progress. */
    public void inject(BiConsumer<String, String> header) {
        Tracing resolved = tracing();
        Span span = resolved.tracer() == null ? null : resolved.tracer().currentSpan();
        if (span != null && resolved.format() != null) {
            resolved.format().inject(span.context(), header, BiConsumer::accept);
        }
    }

    /**
     * Looked up once: both are singletons, and a provider asked on every call resolves its bean
     * through the bean factory each time, which took a tenth of the intake's request threads' CPU
     * (asked for every event of a batch) and a seventh of a query node's revealing threads' (asked for
     * every release call; issue 21).
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
