package nl.ketenbus.security;

import java.io.IOException;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request body is read here, once, after the caller was authenticated and authorised and
 * within its organisation's share of the server ({@link PartnerLimits}): at most the size its
 * endpoint takes ({@code endpoint-access.tsv}, 64 KB by default) and within
 * {@code ketenbus.http.body-read-deadline}. Controllers then read it from memory and never wait on
 * a slow client. Refusals are problems: 413 {@code body-too-large}, 408 {@code body-too-slow}.
 */
class RequestBodyLimits extends OncePerRequestFilter {

    private final Duration deadline;
    private final ObjectMapper json;

    RequestBodyLimits(Duration deadline, ObjectMapper json) {
        this.deadline = deadline;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The signed internal calls read theirs under the same deadline (InternalCallFilter).
        return InternalCallFilter.isInternal(request)
                || request.getContentLengthLong() == 0
                || request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body;
        try {
            body = BoundedBody.read(request, EndpointAccess.maxBodyOf(request), deadline);
        } catch (Refused refused) {
            // The rest of the body is not read: the connection is closed after the answer.
            response.setHeader("Connection", "close");
            ProblemResponses.write(json, response, refused);
            return;
        }
        chain.doFilter(new CachedBody(request, body), response);
    }
}
