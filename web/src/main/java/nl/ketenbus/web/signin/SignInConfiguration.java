package nl.ketenbus.web.signin;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Sign-in with the organisation's identity provider (OpenID Connect, authorization code with PKCE);
 * every page needs a signed-in person, except the style sheets, the signed-out page and health.
 * Sign-out ends the session here and at the provider. Forms carry a CSRF token. The session ends
 * after {@code server.servlet.session.timeout} of inactivity.
 */
@Configuration
class SignInConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SignInConfiguration.class);

    static final String REGISTRATION = "ketenbus";

    @Bean
    SecurityFilterChain pages(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
        OidcClientInitiatedLogoutSuccessHandler providerSignOut =
                new OidcClientInitiatedLogoutSuccessHandler(registrations);
        providerSignOut.setPostLogoutRedirectUri("{baseUrl}/afgemeld");
        // Without the provider's sign-out address (no discovery), the session here ends all the same.
        providerSignOut.setDefaultTargetUrl("/afgemeld");
        // Sign-out is a form whose answer redirects to the provider: the browser applies form-action to it.
        String provider = origin(registrations.findByRegistrationId(REGISTRATION).getProviderDetails()
                .getAuthorizationUri());
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/vendor/**", "/css/**", "/afgemeld", "/sessie-verlopen", "/aanmelden-mislukt",
                                "/actuator/health/**", "/error")
                        .permitAll()
                        .anyRequest().authenticated())
                // A sign-in that fails lands on a page that says so: the default failure address lies under the login
                // page, which starts a new sign-in at once, so that a failure that lasts (a clock far off, a key
                // that does not match, the provider refusing) went round until the browser gave up.
                .oauth2Login(login -> login.loginPage("/oauth2/authorization/" + REGISTRATION)
                        .failureHandler((request, response, failure) -> {
                            // The OAuth 2.0 error code or the failure's class: never a token or a claim.
                            log.warn("Sign-in failed: {}", failure instanceof OAuth2AuthenticationException oauth
                                    ? oauth.getError().getErrorCode() : failure.getClass().getSimpleName());
                            response.sendRedirect(request.getContextPath() + "/aanmelden-mislukt");
                        }))
                .logout(logout -> logout.logoutUrl("/afmelden").logoutSuccessHandler(providerSignOut))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; style-src 'self'; "
                                + "img-src 'self' data:; form-action 'self' " + provider
                                + "; frame-ancestors 'none'; base-uri 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frames -> frames.deny()))
                .csrf(Customizer.withDefaults())
                // A form whose session ended has no valid CSRF token: say that, not "your role gives no access"
                // (signing out of an ended session: signed out here already).
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler((request, response, denied) -> {
                    if (denied instanceof CsrfException) {
                        response.sendRedirect(request.getContextPath()
                                + (request.getRequestURI().equals(request.getContextPath() + "/afmelden") ? "/afgemeld"
                                        : "/sessie-verlopen"));
                    } else {
                        new AccessDeniedHandlerImpl().handle(request, response, denied);
                    }
                }));
        return http.build();
    }

    /**
     * The person's tokens in this session only, gone with it. Boot's default keeps them in one map for the
     * whole application, keyed by the person's name: there they outlive sign-out and the session's end, and a
     * second session of the same person reads the tokens the newest sign-in left.
     */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    private static String origin(String address) {
        URI uri = URI.create(address);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
