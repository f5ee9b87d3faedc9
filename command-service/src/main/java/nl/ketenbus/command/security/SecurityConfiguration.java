package nl.ketenbus.command.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every API call needs a valid bearer token (signature, expiry and audience checked by Spring's
 * resource server; the issuer or key comes from {@code spring.security.oauth2.resourceserver.jwt.*}).
 * Only the health probes and the metrics, which hold no personal data, are open.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/metrics/**",
                                "/actuator/prometheus").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> { })
                        .authenticationEntryPoint((request, response, failure) -> ProblemResponses.write(json,
                                response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Not authenticated",
                                "a valid bearer token is required"))
                        .accessDeniedHandler((request, response, denied) -> ProblemResponses.write(json,
                                response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                                "the token does not allow this")))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens, no cookies: there is no browser session to forge requests with.
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
