package nl.ketenbus.query.audit;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * W3C Trace Context of the current request: the trace id taken from an incoming {@code traceparent}
 * (or started here) and this service's own span id.
 */
public record TraceContext(String traceId, String spanId) {

    static final String ATTRIBUTE = TraceContext.class.getName();
    private static final Pattern TRACEPARENT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Continues the trace of a valid {@code traceparent} header, or starts one. */
    static TraceContext continuing(String traceparent) {
        if (traceparent != null) {
            var matcher = TRACEPARENT.matcher(traceparent.trim());
            if (matcher.matches() && !matcher.group(1).equals("0".repeat(32))) {
                return new TraceContext(matcher.group(1), random(8));
            }
        }
        return new TraceContext(random(16), random(8));
    }

    /** The current request's context, or a new one outside a request. */
    public static TraceContext current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object context = request == null ? null : request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return context instanceof TraceContext trace ? trace : continuing(null);
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
