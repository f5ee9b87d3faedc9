package nl.ketenbus.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.springframework.web.util.UriUtils;

/**
 * Lets a request to {@code /internal/**} through only when it is signed with the internal secret
 * ({@link InternalCalls}); such requests carry no bearer token. Fails closed: without a configured
 * secret every internal request is refused. The body is read once (at most {@link #MAX_BODY} bytes)
 * and handed on unchanged. A request is internal by its path as the security chain and Spring MVC match
 * it, percent-decoded ({@link #isInternal}): {@code /%69nternal/...} reaches the same controller as
 * {@code /internal/...}, so it must meet the same check. A request this filter verified is marked
 * ({@link #verified}), and the chain admits no internal request without that mark.
 */
class InternalCallFilter extends OncePerRequestFilter {

    static final int MAX_BODY = 256 * 1024;
    private static final String VERIFIED = InternalCallFilter.class.getName() + ".verified";

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

    /**
     * Whether the request is for {@code /internal/**} as it is spelt or once its path is decoded. A path
     * that does not decode is treated as internal: refused unless signed, never let through unchecked.
     */
    static boolean isInternal(HttpServletRequest request) {
        String raw = request.getRequestURI();
        String path = raw.substring(Math.min(request.getContextPath().length(), raw.length()));
        if (path.startsWith(InternalCalls.PATH_PREFIX)) {
            return true;
        }
        if (path.indexOf('%') < 0) {
            return false;
        }
        try {
            return UriUtils.decode(path, StandardCharsets.UTF_8).startsWith(InternalCalls.PATH_PREFIX);
        } catch (IllegalArgumentException undecodable) {
            return true;
        }
    }

    /** Whether this filter verified the request's signature: the only way into {@code /internal/**}. */
    static boolean verified(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(VERIFIED));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isInternal(request);
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
        if (!calls.get().verify(signature, request.getMethod(), signedTarget(request), body, clock.instant())) {
            refuse(response);
            return;
        }
        request.setAttribute(VERIFIED, Boolean.TRUE);
        chain.doFilter(new CachedBody(request, body), response);
    }

    /**
     * What the signature covers besides the method and the body: the path as sent, with its query when there is
     * one, so that a signed call's parameters cannot be changed on the way either.
     */
    static String signedTarget(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
    }

    private void refuse(HttpServletResponse response) throws IOException {
        ProblemResponses.write(json, response, HttpStatus.UNAUTHORIZED, "internal-call-refused",
                "Internal call refused", "an internal call must be signed with the internal secret, now");
    }
}
