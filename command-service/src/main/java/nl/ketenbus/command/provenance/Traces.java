package nl.ketenbus.command.provenance;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import nl.ketenbus.security.CurrentTrace;
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

    private final CurrentTrace current;

    Traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.current = new CurrentTrace(tracer, propagator);
    }

    /** The current {@code traceparent}; null when no span is in progress (or tracing is off). */
    public String current() {
        return current.traceparent();
    }
}
