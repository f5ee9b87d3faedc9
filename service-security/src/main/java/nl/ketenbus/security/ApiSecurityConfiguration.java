package nl.ketenbus.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Every API call needs a valid bearer token: signature, time and audience checked by Spring's
 * resource server (the key from {@code spring.security.oauth2.resourceserver.jwt.*}), and the
 * claims ketenbus relies on by {@link TokenChecks} (an expiry, the trusted issuer, a subject, an
 * organisation, a role). Every refusal is a 401 problem, counted by reason.
 * Only the health probes and the metrics, which hold no personal data, are open; calls between
 * the services on {@code /internal/**} are signed instead ({@link InternalCalls}). Imported by both
 * services' applications.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(HttpLimits.class)
public class ApiSecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
            + "form-action 'self'; base-uri 'none'";

    /** Who may call which endpoint, and how large a body each takes: the service's endpoint-access.tsv. */
    @Bean
    EndpointAccess endpointAccess() {
        return EndpointAccess.fromClassPath();
    }

    /** How many verified tokens a node keeps ({@link VerifiedTokens}): some kilobytes each. */
    private static final int VERIFIED_TOKENS_KEPT = 10_000;

    /**
     * Boot's verifier of bearer tokens, with the tokens it verified kept for at most
     * {@code ketenbus.security.verified-tokens.max-age} (default five minutes; zero keeps none).
     */
    @Bean
    static BeanPostProcessor verifiedTokens(Environment environment) {
        Duration maxAge = environment.getProperty("ketenbus.security.verified-tokens.max-age", Duration.class,
                Duration.ofMinutes(5));
        boolean keep = maxAge.compareTo(Duration.ZERO) > 0;
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return keep && bean instanceof JwtDecoder verifier && !(bean instanceof VerifiedTokens)
                        ? new VerifiedTokens(verifier, Clock.systemUTC(), maxAge, VERIFIED_TOKENS_KEPT) : bean;
            }
        };
    }

    /** After authentication: each organisation's share of the node. */
    @Bean
    FilterRegistrationBean<PartnerLimits> partnerLimits(HttpLimits limits, ObjectMapper json,
                                                        ObjectProvider<MeterRegistry> meters) {
        FilterRegistrationBean<PartnerLimits> registration = new FilterRegistrationBean<>(new PartnerLimits(limits,
                json, meters.getIfAvailable(SimpleMeterRegistry::new)));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }

    /** Then the body, whole, within its endpoint's size and the deadline. */
    @Bean
    FilterRegistrationBean<RequestBodyLimits> requestBodyLimits(HttpLimits limits, ObjectMapper json) {
        FilterRegistrationBean<RequestBodyLimits> registration = new FilterRegistrationBean<>(
                new RequestBodyLimits(limits.bodyReadDeadline(), json));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 20);
        return registration;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json, EndpointAccess access, HttpLimits limits,
                            @Value("${ketenbus.internal.secret:}") String internalSecret,
                            @Value("${ketenbus.security.token-issuer:}") String tokenIssuer,
                            ObjectProvider<OAuth2ResourceServerProperties> resourceServerProperties,
                            ObjectProvider<MeterRegistry> meters, ObjectProvider<EdgeRefusals> refusals,
                            ObjectProvider<JwtDecoder> verifier)
            throws Exception {
        Optional<InternalCalls> internal = internalSecret.isBlank() ? Optional.empty()
                : Optional.of(new InternalCalls(internalSecret));
        // Bound as Boot binds them (a comma-separated value or a YAML list alike).
        List<String> audiences = resourceServerProperties.getIfAvailable(OAuth2ResourceServerProperties::new).getJwt()
                .getAudiences();
        TokenChecks checks = new TokenChecks(tokenIssuer, audiences);
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        EdgeRefusals refused = refusals.getIfAvailable(() -> EdgeRefusals.NONE);
        if (verifier.getIfAvailable() instanceof VerifiedTokens kept) {
            Gauge.builder("ketenbus.auth.tokens.kept", kept, VerifiedTokens::size)
                    .description("Verified bearer tokens this node keeps (by digest) until they expire")
                    .register(registry);
        }
        return http
                .addFilterBefore(new InternalCallFilter(internal, json, Clock.systemUTC(), limits.bodyReadDeadline()),
                        BearerTokenAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> {
                    requests
                        // The probes and the scrape hold no personal data; the other actuator
                        // endpoints (info, metrics) need the operator role in endpoint-access.tsv.
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                                .permitAll()
                        // Calls between the services carry a signature instead of a token: admitted only
                        // once InternalCallFilter has verified it (fail closed however the path is spelt).
                        .requestMatchers(InternalCalls.PATH_PREFIX + "**").access((authentication, context) ->
                                new AuthorizationDecision(InternalCallFilter.verified(context.getRequest())))
                        // The API's description holds no data: it lists the endpoints and their problems.
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        // The error dispatch renders the error of a request that was already
                        // authorised (or refused): it must not turn every failure into a 401.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    access.endpoints().forEach(endpoint -> requests.requestMatchers(EndpointAccess.matcher(endpoint))
                            .access(EndpointAccess.manager(endpoint)));
                    // An endpoint nobody declared is closed to everyone (fail closed).
                    requests.anyRequest().denyAll();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(checks))
                        .authenticationEntryPoint((request, response, failure) -> {
                            TokenChecks.Reason reason = TokenChecks.reasonOf(failure);
                            registry.counter("ketenbus.auth.refused", "reason", reason.name()).increment();
                            ProblemResponses.write(json, response, HttpStatus.UNAUTHORIZED, "unauthenticated",
                                    "Not authenticated",
                                    "a valid bearer token is required ("
                                            + reason.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
                        })
                        .accessDeniedHandler((request, response, denied) -> {
                            Optional<EndpointAccess.Endpoint> endpoint = EndpointAccess.endpointOf(request);
                            String needs = EndpointAccess.refusalOf(endpoint);
                            registry.counter("ketenbus.auth.forbidden").increment();
                            refused.refused(request, EndpointAccess.nameOf(endpoint, request), needs);
                            ProblemResponses.write(json, response, HttpStatus.FORBIDDEN, "role-not-held",
                                    "Role not held", needs);
                        }))
                // Pages run only the service's own scripts and styles (the printable pages' inline
                // style too); nothing is framed, fetched from elsewhere, or told where the reader came from.
                .headers(headers -> headers
                        .contentSecurityPolicy(policy -> policy.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frames -> frames.deny()))
                // No CORS configuration: browsers refuse every cross-origin call.
                .cors(cors -> cors.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens, no cookies: there is no browser session to forge requests with.
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
