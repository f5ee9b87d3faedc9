package nl.ketenbus.web.backbone;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriBuilder;

/**
 * The two services as the pages call them, always as the signed-in person (their access token as
 * bearer), so that the covenant, the audit and every refusal apply exactly as to any API client.
 */
@Component
public class Backbone {

    static final String REGISTRATION = "ketenbus";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final RestClient query;
    private final RestClient command;
    private final OAuth2AuthorizedClientRepository authorizedClients;
    private final ObjectMapper json;
    private final BackboneSettings settings;
    /** The request attribute holding when a page made its first call ({@link #requireBudgetLeft}). */
    private static final String FIRST_CALL = Backbone.class.getName() + ".firstCall";

    Backbone(BackboneSettings settings, OAuth2AuthorizedClientRepository authorizedClients, ObjectMapper json) {
        this.settings = settings;
        this.query = client(settings.queryService(), settings);
        this.command = client(settings.commandService(), settings);
        this.authorizedClients = authorizedClients;
        this.json = json;
    }

    private static RestClient client(URI base, BackboneSettings settings) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(java.net.http.HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout()).build());
        requests.setReadTimeout(settings.readTimeout());
        return RestClient.builder().baseUrl(base.toString()).requestFactory(requests).build();
    }

    /** A read of the query service: the answer as JSON objects. */
    public Map<String, Object> read(Function<UriBuilder, URI> uri) {
        return exchange(query, HttpMethod.GET, uri, null, false);
    }

    /** A search or another read that the query service takes as a POST (the body stays out of URLs). */
    public Map<String, Object> readWith(Function<UriBuilder, URI> uri, Object body) {
        return exchange(query, HttpMethod.POST, uri, body, false);
    }

    /** An action of the query service (a break-glass review, a covenant decision, a placemat change). */
    public Map<String, Object> actOnQuery(HttpMethod method, Function<UriBuilder, URI> uri, Object body) {
        return exchange(query, method, uri, body, true);
    }

    /** A command of the command service (casework). */
    public Map<String, Object> command(HttpMethod method, Function<UriBuilder, URI> uri, Object body) {
        return exchange(command, method, uri, body, true);
    }

    /**
     * One call as the signed-in person. A {@code change} the service answered 5xx, or did not answer in time, may
     * have been made all the same (a commit whose answer was lost): the page says so, so that nobody records it
     * twice. One the service never received (the connection refused) or refused for load (429) was not made.
     */
    private Map<String, Object> exchange(RestClient client, HttpMethod method, Function<UriBuilder, URI> uri,
                                         Object body, boolean change) {
        requireBudgetLeft();
        String token = accessToken();
        try {
            RestClient.RequestBodySpec request = client.method(method).uri(uri)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.exchange((call, answer) -> {
                int status = answer.getStatusCode().value();
                byte[] content = answer.getBody().readAllBytes();
                if (status == 401) {
                    throw new SignInAgain("the service no longer accepts the session's token");
                }
                if (status == 429 || status >= 500) {
                    throw new Unavailable("the service answered " + status,
                            retryAfter(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)), null,
                            change && status != 429);
                }
                Map<String, Object> parsed = content.length == 0 ? Map.of() : parse(content);
                if (status >= 400) {
                    throw new Refused(status, parsed);
                }
                return parsed;
            });
        } catch (ResourceAccessException e) {
            throw new Unavailable("the service did not answer", 5, e, change && !neverConnected(e));
        }
    }

    /**
     * A page's calls share one budget ({@code ketenbus.web.page-budget}), counted from its first call: one spent
     * answers 503 before the next call, nothing sent, so that a slow (not down) service never keeps a page that
     * asks many questions loading for minutes.
     */
    private void requireBudgetLeft() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes page)) {
            return;
        }
        Object first = page.getAttribute(FIRST_CALL, RequestAttributes.SCOPE_REQUEST);
        if (first == null) {
            page.setAttribute(FIRST_CALL, System.nanoTime(), RequestAttributes.SCOPE_REQUEST);
        } else if (System.nanoTime() - (Long) first > settings.pageBudget().toNanos()) {
            throw new Unavailable("the page's calls took longer than " + settings.pageBudget().toSeconds()
                    + " seconds in all", 5, null, false);
        }
    }

    /** The connection was refused or not made: nothing of the request reached the service. */
    private static boolean neverConnected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Object> parse(byte[] content) throws IOException {
        if (content[0] == '[') {
            return Map.of("items", json.readValue(content, List.class));
        }
        return json.readValue(content, OBJECT);
    }

    private static long retryAfter(String header) {
        try {
            return header == null ? 5 : Math.max(1, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return 5;
        }
    }

    private String accessToken() {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        OAuth2AuthorizedClient client = authorizedClients.loadAuthorizedClient(REGISTRATION, signedIn, request);
        if (client == null || client.getAccessToken().getExpiresAt() == null
                || client.getAccessToken().getExpiresAt().isBefore(Instant.now().plusSeconds(10))) {
            throw new SignInAgain("the session's token has expired");
        }
        return client.getAccessToken().getTokenValue();
    }
}
