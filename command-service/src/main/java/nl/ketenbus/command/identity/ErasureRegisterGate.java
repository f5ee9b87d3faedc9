package nl.ketenbus.command.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.ketenbus.security.Problems;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Nothing comes in before the erasure register was read since the start ({@link ErasureRegister}): every
 * request of the API and between the services (a fact, a case, an import, a reveal of a youth's name) is
 * answered 503 {@code erasure-register-unread} with {@code Retry-After}, and readiness is DOWN (health
 * component {@code erasureRegister}). On a restored database, a youth erased since the backup still has its
 * keys until the register's erasures are carried out again.
 */
@Configuration(proxyBeanMethods = false)
class ErasureRegisterGate {

    static final int RETRY_AFTER_SECONDS = 10;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> erasureRegisterGateFilter(ErasureRegister register,
                                                                           ObjectMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new Gate(register, json));
        registration.addUrlPatterns("/v1/*", "/internal/*");
        // Before authentication: a node that takes nothing in need not verify who asks.
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    @Bean
    AbstractHealthIndicator erasureRegisterHealthIndicator(ErasureRegister register) {
        return new AbstractHealthIndicator("The erasure register was not read since the start") {
            @Override
            protected void doHealthCheck(Health.Builder health) {
                if (register.readSinceStart()) {
                    health.up();
                } else {
                    health.down().withDetail("reason", "not read since the start");
                }
            }
        };
    }

    /** The filter: passes every request once the register was read. */
    private static final class Gate extends OncePerRequestFilter {

        private final ErasureRegister register;
        private final ObjectMapper json;

        Gate(ErasureRegister register, ObjectMapper json) {
            this.register = register;
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (register.readSinceStart()) {
                chain.doFilter(request, response);
                return;
            }
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            String problem = json.writeValueAsString(Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                    "erasure-register-unread", "this node has not yet read the erasure register since it started, "
                            + "and takes nothing in until it has; nothing was done; retry after "
                            + RETRY_AFTER_SECONDS + " seconds"));
            response.getOutputStream().write((problem + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
