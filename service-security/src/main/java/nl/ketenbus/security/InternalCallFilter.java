package nl.ketenbus.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request to {@code /internal/**} through only when it is signed with the internal secret
 * ({@link InternalCalls}); such requests carry no bearer token. Fails closed: without a configured
 * secret every internal request is refused. The body is read once (at most {@link #MAX_BODY} bytes)
 * and handed on unchanged.
 */
class InternalCallFilter extends OncePerRequestFilter {

    static final int MAX_BODY = 256 * 1024;

    private final Optional<InternalCalls> calls;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration deadline;

    InternalCallFilter(Optional<InternalCalls> calls, ObjectMapper json, Clock clock, Duration deadline) {
        this.calls = calls;
        this.json = json;
        this.clock = clock;
        this.deadline = deadline;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(InternalCalls.PATH_PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String signature = request.getHeader(InternalCalls.HEADER);
        if (calls.isEmpty() || signature == null) {
            // Nothing to check the body against: refused before a byte of it is read.
            refuse(response);
            return;
        }
        byte[] body;
        try {
            body = BoundedBody.read(request, MAX_BODY, deadline);
        } catch (Refused refused) {
            response.setHeader("Connection", "close");
            ProblemResponses.write(json, response, refused);
            return;
        }
        if (!calls.get().verify(signature, request.getMethod(), request.getRequestURI(), body, clock.instant())) {
            refuse(response);
            return;
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    private void refuse(HttpServletResponse response) throws IOException {
        ProblemResponses.write(json, response, HttpStatus.UNAUTHORIZED, "internal-call-refused",
                "Internal call refused", "an internal call must be signed with the internal secret, now");
    }
}
