package nl.ketenbus.security;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Each organisation's share of a node: at most {@code ketenbus.http.partner-rate} requests a
 * second (a token bucket that holds {@code partner-burst}) and {@code partner-concurrency} requests
 * in progress at once, so that one partner's flood or slow clients cannot take the threads the
 * other partners, the health probes and the pages need. Beyond it: 429 {@code rate-limited} with
 * {@code Retry-After}, counted in {@code ketenbus_http_limited_total{organisation,reason}}. Runs
 * after authentication; calls without a token (probes, metrics, the signed internal calls) are not
 * an organisation's.
 */
class PartnerLimits extends OncePerRequestFilter {

    /** One organisation's bucket and permits on this node. */
    private static final class Share {
        private final Semaphore inProgress;
        private final double ratePerNano;
        private final double burst;
        private double tokens;
        private long refilledAt = System.nanoTime();

        Share(int concurrency, double ratePerSecond, double burst) {
            this.inProgress = new Semaphore(concurrency);
            this.ratePerNano = ratePerSecond / 1e9;
            this.burst = burst;
            this.tokens = burst;
        }

        synchronized boolean take() {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) * ratePerNano);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens--;
            return true;
        }
    }

    private final Map<String, Share> shares = new ConcurrentHashMap<>();
    private final HttpLimits limits;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    PartnerLimits(HttpLimits limits, ObjectMapper json, MeterRegistry meters) {
        this.limits = limits;
        this.json = json;
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String organisation = caller instanceof JwtAuthenticationToken bearer
                ? TokenClaims.organisation(bearer.getToken()) : null;
        if (organisation == null) {
            chain.doFilter(request, response);
            return;
        }
        Share share = shares.computeIfAbsent(organisation, key -> new Share(limits.partnerConcurrency(),
                limits.partnerRate(), limits.partnerBurst()));
        if (!share.take()) {
            refuse(response, organisation, "rate", "more than " + limits.partnerRate()
                    + " requests a second from " + organisation);
            return;
        }
        if (!share.inProgress.tryAcquire()) {
            refuse(response, organisation, "concurrency", "more than " + limits.partnerConcurrency()
                    + " requests of " + organisation + " at once");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            share.inProgress.release();
        }
    }

    private void refuse(HttpServletResponse response, String organisation, String reason, String detail)
            throws IOException {
        meters.counter("ketenbus.http.limited", "organisation", organisation, "reason", reason).increment();
        response.setHeader("Retry-After", "1");
        ProblemResponses.write(json, response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Rate limited",
                detail + "; retry after a second");
    }
}
