package nl.ketenbus.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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

    InternalCallFilter(Optional<InternalCalls> calls, ObjectMapper json, Clock clock) {
        this.calls = calls;
        this.json = json;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(InternalCalls.PATH_PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        boolean signed = body.length <= MAX_BODY && calls.map(internal -> internal.verify(
                request.getHeader(InternalCalls.HEADER), request.getMethod(), request.getRequestURI(), body,
                clock.instant())).orElse(false);
        if (!signed) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.UNAUTHORIZED, "internal-call-refused",
                    "Internal call refused", "an internal call must be signed with the internal secret, now",
                    List.of()));
            return;
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    /** The request with its body already read. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
