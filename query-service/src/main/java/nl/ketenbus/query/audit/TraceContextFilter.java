package nl.ketenbus.query.audit;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes or starts the request's W3C trace context, answers it in {@code traceparent} and puts its
 * ids into the logging context (structured logs show them).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TraceContextFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TraceContext trace = TraceContext.continuing(request.getHeader("traceparent"));
        request.setAttribute(TraceContext.ATTRIBUTE, trace);
        response.setHeader("traceparent", trace.traceparent());
        // Log lines of this request carry the same ids as its access records.
        MDC.put("trace_id", trace.traceId());
        MDC.put("span_id", trace.spanId());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("trace_id");
            MDC.remove("span_id");
        }
    }
}
