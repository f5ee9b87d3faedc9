package nl.ketenbus.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.unit.DataSize;

/**
 * Which token roles, of which organisations, may call each endpoint of a service: kept as data in
 * the service's {@code endpoint-access.tsv} (one line per method and path as the controller maps it)
 * and enforced before any controller runs. An endpoint without a line is refused to everyone, so a
 * new endpoint is closed until someone decides who may call it. The covenant still decides what a
 * permitted caller may publish or read; this decides who may ask at all.
 */
public final class EndpointAccess {

    /** The file each service keeps on its class path. */
    public static final String RESOURCE = "/endpoint-access.tsv";
    /** Stands for every organisation in the file's fourth column. */
    public static final String ANY_ORGANISATION = "*";
    private static final String ATTRIBUTE = EndpointAccess.class.getName() + ".endpoint";
    /** The largest body an endpoint takes when its line names none. */
    public static final DataSize DEFAULT_MAX_BODY = DataSize.ofKilobytes(64);

    /**
     * One endpoint's access.
     *
     * @param method        the HTTP method
     * @param path          the path as the controller maps it ({@code /v1/subjects/{subjectRef}/case})
     * @param roles         the token roles (as tokens spell them, e.g. {@code privacy-officer}) of which
     *                      one must be held
     * @param organisations the organisations the caller must act for; empty for any
     * @param maxBody       the largest request body it takes
     */
    public record Endpoint(HttpMethod method, String path, Set<String> roles, Set<String> organisations,
                           DataSize maxBody) {

        /** Whether a caller with {@code roles} acting for {@code organisation} may call it. */
        public boolean allows(List<String> tokenRoles, String organisation) {
            boolean roleHeld = tokenRoles.stream().map(EndpointAccess::spelled).anyMatch(roles::contains);
            return roleHeld && (organisations.isEmpty() || organisations.contains(organisation));
        }

        String needs() {
            return "this needs role " + String.join(" or ", roles.stream().sorted().toList())
                    + (organisations.isEmpty() ? "" : " of " + String.join(" or ",
                    organisations.stream().sorted().toList()));
        }
    }

    private final List<Endpoint> endpoints;

    EndpointAccess(List<Endpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    /** The service's endpoints as its {@link #RESOURCE} declares them. */
    public static EndpointAccess fromClassPath() {
        try (InputStream in = EndpointAccess.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: every endpoint must name who may call it");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tab-separated: method, path, roles (comma-separated), organisations (comma-separated or
     * {@code *}), and optionally the largest body (e.g. {@code 8MB}; {@link #DEFAULT_MAX_BODY} without).
     */
    static EndpointAccess parse(String text) {
        List<Endpoint> endpoints = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t+");
            if (columns.length != 4 && columns.length != 5) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": four or five tab-separated columns "
                        + "expected");
            }
            Set<String> organisations = ANY_ORGANISATION.equals(columns[3]) ? Set.of() : set(columns[3]);
            DataSize maxBody = columns.length == 5 ? DataSize.parse(columns[4]) : DEFAULT_MAX_BODY;
            endpoints.add(new Endpoint(HttpMethod.valueOf(columns[0]), columns[1], set(columns[2]), organisations,
                    maxBody));
        }
        return new EndpointAccess(endpoints);
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /**
     * The declared endpoint the filter chain decided the request by, if any: kept on the request
     * when it was decided, so that the refusal and the body's limit need not match it again.
     */
    static Optional<Endpoint> endpointOf(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Endpoint endpoint ? Optional.of(endpoint) : Optional.empty();
    }

    /** The largest body the request's endpoint takes. */
    static long maxBodyOf(HttpServletRequest request) {
        return endpointOf(request).map(Endpoint::maxBody).orElse(DEFAULT_MAX_BODY).toBytes();
    }

    /** What the refusal of a request says the caller lacks. */
    static String refusalOf(Optional<Endpoint> endpoint) {
        return endpoint.map(Endpoint::needs).orElse("no such endpoint for this method");
    }

    /** The request's endpoint as declared, e.g. {@code GET /v1/subjects/{subjectRef}/timeline}. */
    static String nameOf(Optional<Endpoint> endpoint, HttpServletRequest request) {
        return endpoint.map(declared -> declared.method().name() + " " + declared.path())
                .orElse(request.getMethod() + " (no such endpoint)");
    }

    static RequestMatcher matcher(Endpoint endpoint) {
        return PathPatternRequestMatcher.withDefaults().matcher(endpoint.method(), endpoint.path());
    }

    static AuthorizationManager<RequestAuthorizationContext> manager(Endpoint endpoint) {
        return (authentication, context) -> {
            context.getRequest().setAttribute(ATTRIBUTE, endpoint);
            return new AuthorizationDecision(allows(endpoint, authentication.get()));
        };
    }

    private static boolean allows(Endpoint endpoint, Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken bearer)) {
            return false;
        }
        Jwt token = bearer.getToken();
        return endpoint.allows(TokenClaims.roles(token), TokenClaims.organisation(token));
    }

    /** Role names as tokens spell them: lower case, words joined by '-'. */
    public static String spelled(String role) {
        return role.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Set<String> set(String column) {
        return Arrays.stream(column.split(",")).map(String::strip).filter(value -> !value.isEmpty())
                .map(EndpointAccess::spelled).collect(Collectors.toUnmodifiableSet());
    }
}
