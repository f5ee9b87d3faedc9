package nl.ketenbus.query.audit;

import java.security.SecureRandom;
import java.util.HexFormat;

import io.micrometer.tracing.Span;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The trace and span of the current request as Micrometer Tracing continued it from the caller's
 * {@code traceparent} (or started it): what the access records of the request carry.
 */
public record TraceContext(String traceId, String spanId) {

    static final String ATTRIBUTE = TraceContext.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    static TraceContext of(Span span) {
        return new TraceContext(span.context().traceId(), span.context().spanId());
    }

    /** The current request's context; outside a request (a scheduled job) ids of its own. */
    public static TraceContext current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object context = request == null ? null : request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return context instanceof TraceContext trace ? trace : new TraceContext(random(16), random(8));
    }

    String traceparent() {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
