package nl.ketenbus.web.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oauth2Login;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What a page answers when a service refuses, is down, or no longer accepts the session's token:
 * against a stand-in query service (a JDK HTTP server answering as the real one does) and a command
 * service that is not there at all.
 */
@SpringBootTest
@AutoConfigureMockMvc
class BackboneAnswersTest {

    private static final java.util.concurrent.atomic.AtomicInteger SUBJECT_CALLS =
            new java.util.concurrent.atomic.AtomicInteger();
    private static final HttpServer QUERY = standIn();
    private static final String YOUTH = "sr-" + "ab".repeat(32);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("ketenbus.web.query-service", () -> "http://127.0.0.1:" + QUERY.getAddress().getPort());
        // Nothing listens on port 1: the connection is refused at once.
        registry.add("ketenbus.web.command-service", () -> "http://127.0.0.1:1");
        String provider = "spring.security.oauth2.client.provider.ketenbus.";
        registry.add(provider + "authorization-uri", () -> "http://127.0.0.1:1/authorize");
        registry.add(provider + "token-uri", () -> "http://127.0.0.1:1/token");
        registry.add(provider + "jwk-set-uri", () -> "http://127.0.0.1:1/jwks");
        registry.add(provider + "user-name-attribute", () -> "sub");
    }

    @Autowired
    MockMvc pages;

    @Autowired
    ClientRegistrationRepository registrations;

    @Autowired
    OAuth2AuthorizedClientService applicationWide;

    @AfterAll
    static void stop() {
        QUERY.stop(0);
    }

    @Test
    void aServiceThatIsDownIsA503WithRetryAfterNeverA500() throws Exception {
        pages.perform(get("/werklijst").with(director())).andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "7"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Tijdelijk niet beschikbaar")));
        // The command service refused the connection: the change never reached it.
        pages.perform(post("/jongeren/" + YOUTH + "/casus/pga-1/regie").param("mode", "PROCESREGIE").with(csrf())
                        .with(director())).andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Tijdelijk niet beschikbaar")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                        "Niet zeker"))));
    }

    /**
     * A change the service answered 503 may have been made all the same (a commit whose answer was lost): the page
     * says to look before trying again, with a link to where the change shows, never just "try again".
     */
    @Test
    void aChangeAnswered503SaysItMayHaveBeenMadeAndWhereToLook() throws Exception {
        pages.perform(post("/privacy/doorbraak/17/beoordeling").param("note", "Gezien, terecht").with(csrf())
                        .with(director())).andExpect(status().isServiceUnavailable())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Niet zeker of het is vastgelegd")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("href=\"/privacy/doorbraak\"")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                        "Probeer het over"))));
    }

    /** The page landed on after a sign-in carries Spring Security's {@code continue}: it is the same page. */
    @Test
    void thePageLandedOnAfterASignInIsTheSamePage() {
        org.springframework.mock.web.MockHttpServletRequest landed = new org.springframework.mock.web
                .MockHttpServletRequest("GET", "/jongeren/sr-1");
        landed.setQueryString("purpose=signaaloverleg&continue");
        assertThat(BackboneAnswers.pageOf(landed)).isEqualTo("/jongeren/sr-1?purpose=signaaloverleg");
        landed.setQueryString("continue");
        assertThat(BackboneAnswers.pageOf(landed)).isEqualTo("/jongeren/sr-1");
        landed.setQueryString(null);
        assertThat(BackboneAnswers.pageOf(landed)).isEqualTo("/jongeren/sr-1");
    }

    /**
     * A sign-in the provider's answer does not complete lands on a page that says so, and starts no new sign-in by
     * itself (the default failure address lay under the login page: a failure that lasted went round and round).
     */
    @Test
    void aFailedSignInSaysSoAndDoesNotStartAgainByItself() throws Exception {
        pages.perform(get("/login/oauth2/code/ketenbus").param("error", "access_denied").param("state", "unknown"))
                .andExpect(redirectedUrl("/aanmelden-mislukt"));
        pages.perform(get("/aanmelden-mislukt")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Aanmelden is niet gelukt")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "href=\"/oauth2/authorization/ketenbus\"")));
    }

    /**
     * A form sent after its session ended carries no valid CSRF token: the page says the session ended and nothing
     * was sent on, not that the person's role gives no access.
     */
    @Test
    void aFormOfAnEndedSessionSaysSoNotThatTheRoleGivesNoAccess() throws Exception {
        pages.perform(post("/privacy/doorbraak/17/beoordeling").param("note", "Gezien").with(director()))
                .andExpect(redirectedUrl("/sessie-verlopen"));
        pages.perform(post("/privacy/doorbraak/17/beoordeling").param("note", "Gezien"))
                .andExpect(redirectedUrl("/sessie-verlopen"));
        pages.perform(post("/afmelden").with(director())).andExpect(redirectedUrl("/afgemeld"));
        pages.perform(get("/sessie-verlopen")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Uw sessie is verlopen")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Er is niets vastgelegd")));
    }

    /** A BSN or a name typed into an address in place of the pseudonym: not found, and asked of no service. */
    @Test
    void anAddressWithoutAnIssuedPseudonymIsNotFound() throws Exception {
        int asked = SUBJECT_CALLS.get();
        pages.perform(get("/jongeren/123456782").with(director())).andExpect(status().isNotFound());
        pages.perform(get("/privacy/jongeren/Jan Jansen/inzage").with(director())).andExpect(status().isNotFound());
        pages.perform(post("/jongeren/123456782/casus/pga-1/regie").param("mode", "PROCESREGIE").with(csrf())
                .with(director())).andExpect(status().isNotFound());
        org.assertj.core.api.Assertions.assertThat(SUBJECT_CALLS.get()).as("no service asked").isEqualTo(asked);
    }

    @Test
    void theLinkAfterAnUncertainChangeLeadsToThePageOfTheChange() {
        org.assertj.core.api.Assertions.assertThat(BackboneAnswers.pageOf("/jongeren/sr-ab12/casus/pga-1/regie"))
                .isEqualTo("/jongeren/sr-ab12/casus");
        org.assertj.core.api.Assertions.assertThat(BackboneAnswers.pageOf("/privacy/convenant/4/goedkeuring"))
                .isEqualTo("/privacy/convenant/4");
        org.assertj.core.api.Assertions.assertThat(BackboneAnswers.pageOf("/privacy/verwijdering"))
                .isEqualTo("/privacy/verwijdering");
        org.assertj.core.api.Assertions.assertThat(BackboneAnswers.pageOf("/signaaloverleg/sr-ab12/besluit"))
                .isEqualTo("/signaaloverleg");
        org.assertj.core.api.Assertions.assertThat(BackboneAnswers.pageOf("/placemat/politie")).isEqualTo("/placemat");
        org.assertj.core.api.Assertions.assertThat(BackboneAnswers.pageOf("/jongeren/zoeken")).isEqualTo("/");
    }

    /** A change whose counts are all nought may still change what people read: the page names those rules. */
    @Test
    void aCovenantChangeNamesTheRulesThatActOnlyWhenRead() throws Exception {
        String page = pages.perform(get("/privacy/convenant/4").with(director())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(page).contains("Wat pas bij het lezen verandert")
                .contains("PGA-10").contains("gewijzigd").contains("nee / nee").contains("3 maanden")
                .contains("6 maanden").doesNotContain("CHANGED");
    }

    @Test
    void aRefusalIsShownInDutchWithTheServicesReason() throws Exception {
        pages.perform(get("/privacy/keten").with(director())).andExpect(status().isForbidden())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "Het convenant geeft uw rol niets voor dit doel")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("no rule gives you anything")));
    }

    /** ... and the page being opened is where the new sign-in lands, not the start. */
    @Test
    void aTokenTheServicesNoLongerAcceptStartsANewSignIn() throws Exception {
        var answer = pages.perform(get("/signaaloverleg").with(director()))
                .andExpect(redirectedUrl("/oauth2/authorization/ketenbus")).andReturn();
        var saved = new org.springframework.security.web.savedrequest.HttpSessionRequestCache()
                .getRequest(answer.getRequest(), answer.getResponse());
        org.assertj.core.api.Assertions.assertThat(saved).isNotNull();
        org.assertj.core.api.Assertions.assertThat(saved.getRedirectUrl()).contains("/signaaloverleg");
        org.assertj.core.api.Assertions.assertThat(answer.getRequest().getSession().getAttribute(
                "SPRING_SECURITY_CONTEXT")).as("signed out here").isNull();

        // Refused again right after that sign-in (tokens the services keep refusing): the next sign-in lands on the
        // start, so that sign-in and page never chase each other.
        var again = pages.perform(get("/signaaloverleg").session((org.springframework.mock.web.MockHttpSession)
                        answer.getRequest().getSession()).with(director()))
                .andExpect(redirectedUrl("/oauth2/authorization/ketenbus")).andReturn();
        org.assertj.core.api.Assertions.assertThat(new org.springframework.security.web.savedrequest
                .HttpSessionRequestCache().getRequest(again.getRequest(), again.getResponse())).isNull();
    }

    /**
     * A token is the session's only: one kept for the same person anywhere else in the application (where
     * Boot's default keeps every person's, outliving sign-out) serves no page of this session.
     */
    @Test
    void aTokenKeptOutsideTheSessionServesNoPage() throws Exception {
        OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "another-sessions-token",
                Instant.now(), Instant.now().plusSeconds(600));
        applicationWide.saveAuthorizedClient(new OAuth2AuthorizedClient(registrations.findByRegistrationId("ketenbus"),
                "casusregisseur-1", token), new TestingAuthenticationToken("casusregisseur-1", null));
        pages.perform(get("/werklijst").with(oauth2Login().oauth2User(directorUser())))
                .andExpect(redirectedUrl("/oauth2/authorization/ketenbus"));
        pages.perform(get("/werklijst").with(director())).andExpect(status().isServiceUnavailable());
    }

    @Test
    void withoutASessionEveryPageLeadsToTheSignIn() throws Exception {
        pages.perform(get("/werklijst")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("http://*/oauth2/authorization/ketenbus"));
        pages.perform(get("/afgemeld")).andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy",
                        org.hamcrest.Matchers.startsWith("default-src 'none'")));
    }

    private RequestPostProcessor director() {
        return director(registrations);
    }

    /** A signed-in case director, with the access token the sign-in keeps in the person's session. */
    static RequestPostProcessor director(ClientRegistrationRepository registrations) {
        RequestPostProcessor signedIn = oauth2Login().oauth2User(directorUser());
        OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-token",
                Instant.now(), Instant.now().plusSeconds(600));
        return request -> {
            new HttpSessionOAuth2AuthorizedClientRepository().saveAuthorizedClient(new OAuth2AuthorizedClient(
                    registrations.findByRegistrationId("ketenbus"), "casusregisseur-1", token),
                    new TestingAuthenticationToken("casusregisseur-1", null), request, new MockHttpServletResponse());
            return signedIn.postProcessRequest(request);
        };
    }

    private static DefaultOidcUser directorUser() {
        OidcIdToken id = new OidcIdToken("id-token", Instant.now(),
                Instant.now().plusSeconds(600), Map.of("sub", "casusregisseur-1", "organisation",
                "gemeente", "roles", List.of("casusregisseur"), "name", "Casusregisseur 1"));
        return new DefaultOidcUser(List.of(new OidcUserAuthority(id)), id);
    }

    /** Answers like the query service: 503 with Retry-After, 401, and a problem+json refusal. */
    private static HttpServer standIn() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/work-list", exchange -> {
                exchange.getResponseHeaders().set("Retry-After", "7");
                answer(exchange, 503, "{\"type\":\"urn:ketenbus:problem:database-unavailable\",\"status\":503}");
            });
            server.createContext("/v1/signal-meeting/agenda", exchange -> answer(exchange, 401, ""));
            // What a youth's pages would ask: counted, so that a test can say none was asked.
            for (String youthsPath : List.of("/v1/subjects/", "/v1/audit/subjects/")) {
                server.createContext(youthsPath, exchange -> {
                    SUBJECT_CALLS.incrementAndGet();
                    answer(exchange, 404, "{\"type\":\"urn:ketenbus:problem:unknown-subject\",\"status\":404}");
                });
            }
            server.createContext("/v1/covenant/changes/4", exchange -> json(exchange,
                    exchange.getRequestURI().getPath().endsWith("/impact") ? IMPACT : CHANGE));
            server.createContext("/v1/audit/break-glass/", exchange -> answer(exchange, 503,
                    "{\"type\":\"urn:ketenbus:problem:database-unavailable\",\"status\":503}"));
            server.createContext("/v1/audit/verification", exchange -> answer(exchange, 403,
                    "{\"type\":\"urn:ketenbus:problem:purpose-not-allowed\",\"title\":\"Read refused\",\"status\":403,"
                            + "\"detail\":\"no rule gives you anything for this purpose\"}"));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String CHANGE = """
            {"changeId": 4, "covenantId": "convenant-pga", "covenantVersion": 3, "state": "PENDING",
             "proposedBy": "covenant-administrator-1", "proposedAt": "2026-12-01T10:00:00Z"}""";

    /** A report whose entries do not change, with one rule that changes what other case directors read. */
    private static final String IMPACT = """
            {"changeId": 4, "reportSha256": "abc123", "computedAt": "2026-12-01T10:05:00Z",
             "from": {"generation": 1, "covenantId": "convenant-pga", "covenantVersion": 2},
             "to": {"generation": 2, "covenantId": "convenant-pga", "covenantVersion": 3},
             "totals": {"eventsAppearing": 0, "eventsDisappearing": 0, "fieldChanges": 0, "audiencesChanged": 0},
             "audiences": [], "aggregateAudiencesAdded": [], "aggregateAudiencesRemoved": [],
             "readTimeRules": {"rules": [{"organisation": "gemeente", "role": "CASUSREGISSEUR",
               "purpose": "pga-casusregie", "ruleId": "PGA-10", "change": "CHANGED", "directorOnlyBefore": false,
               "directorOnlyAfter": false}], "closedCaseReadingBefore": "P3M", "closedCaseReadingAfter": "P6M"}}""";

    private static void json(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
