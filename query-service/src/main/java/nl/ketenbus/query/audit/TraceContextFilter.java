package nl.ketenbus.query.audit;

import java.io.IOException;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs inside Micrometer's server observation (which continues the caller's {@code traceparent}
 * and puts the ids into every log line): keeps the request's trace and span for its access records
 * and answers them in {@code traceparent}, so a partner can find its request in the access log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class TraceContextFilter extends OncePerRequestFilter {

    private final Tracer tracer;

    TraceContextFilter(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Span span = tracer.currentSpan();
        if (span != null) {
            TraceContext trace = TraceContext.of(span);
            request.setAttribute(TraceContext.ATTRIBUTE, trace);
            response.setHeader("traceparent", trace.traceparent());
        }
        chain.doFilter(request, response);
    }
}
