package nl.ketenbus.devinfra.idp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import nl.ketenbus.devinfra.DevTokens;

/**
 * DEV-ONLY OpenID Connect provider: authorization code with PKCE (S256, required: the pages are a
 * public client without a secret), discovery, JWKS and end-session. Its sign-in page lists the
 * {@link DevUser dev users}; one click signs one in. The access token is the dev issuer's bearer
 * token that the services trust; the ID token names this provider as its issuer and the client as
 * its audience. Codes are single-use and live one minute.
 */
public final class DevIdentityProvider implements AutoCloseable {

    public static final String CLIENT_ID = "ketenbus-web";
    private static final Duration CODE_VALIDITY = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final DevTokens tokens;
    private final Duration tokenValidity;
    private final String redirectPrefix;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    private DevIdentityProvider(HttpServer server, DevTokens tokens, Duration tokenValidity, String redirectPrefix) {
        this.server = server;
        this.tokens = tokens;
        this.tokenValidity = tokenValidity;
        this.redirectPrefix = redirectPrefix;
    }

    /**
     * Starts the provider on {@code port} (0: any free one) of the loopback interface. It redirects
     * only to addresses that start with {@code redirectPrefix} (the pages' base address).
     */
    public static DevIdentityProvider start(int port, DevTokens tokens, Duration tokenValidity,
                                            String redirectPrefix) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            DevIdentityProvider provider = new DevIdentityProvider(server, tokens, tokenValidity, redirectPrefix);
            server.createContext("/.well-known/openid-configuration", exchange -> provider.answer(exchange,
                    provider::discovery));
            server.createContext("/jwks", exchange -> provider.answer(exchange, ignored -> Answer.json(
                    tokens.publicJwkSetJson())));
            server.createContext("/authorize", exchange -> provider.answer(exchange, provider::authorize));
            server.createContext("/token", exchange -> provider.answer(exchange, provider::token));
            server.createContext("/logout", exchange -> provider.answer(exchange, provider::logout));
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the dev identity provider on port " + port, e);
        }
    }

    /** The issuer address (the pages' {@code issuer-uri}). */
    public String issuer() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private Answer discovery(HttpExchange exchange) throws IOException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer());
        metadata.put("authorization_endpoint", issuer() + "/authorize");
        metadata.put("token_endpoint", issuer() + "/token");
        metadata.put("jwks_uri", issuer() + "/jwks");
        metadata.put("end_session_endpoint", issuer() + "/logout");
        metadata.put("response_types_supported", List.of("code"));
        metadata.put("grant_types_supported", List.of("authorization_code"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        metadata.put("code_challenge_methods_supported", List.of("S256"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("none"));
        metadata.put("scopes_supported", List.of("openid"));
        return Answer.json(JSON.writeValueAsString(metadata));
    }

    private Answer authorize(HttpExchange exchange) throws IOException {
        Map<String, String> parameters = "POST".equals(exchange.getRequestMethod())
                ? form(exchange) : query(exchange.getRequestURI());
        String refused = refusal(parameters);
        if (refused != null) {
            return Answer.problem(400, refused);
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            return Answer.html(SignInPage.render(parameters, DevUser.all()));
        }
        DevUser user = DevUser.named(parameters.getOrDefault("username", "")).orElse(null);
        if (user == null) {
            return Answer.problem(400, "unknown dev user");
        }
        String code = randomToken();
        codes.put(code, new Grant(user, parameters.get("redirect_uri"), parameters.get("code_challenge"),
                parameters.get("nonce"), Instant.now().plus(CODE_VALIDITY)));
        return Answer.redirect(parameters.get("redirect_uri") + "?code=" + encode(code)
                + "&state=" + encode(parameters.getOrDefault("state", "")));
    }

    private String refusal(Map<String, String> parameters) {
        if (!CLIENT_ID.equals(parameters.get("client_id"))) {
            return "unknown client_id";
        }
        if (!"code".equals(parameters.get("response_type"))) {
            return "only response_type=code";
        }
        String redirect = parameters.getOrDefault("redirect_uri", "");
        if (!redirect.startsWith(redirectPrefix)) {
            return "redirect_uri is not the pages' address";
        }
        if (!"S256".equals(parameters.get("code_challenge_method")) || parameters.get("code_challenge") == null) {
            return "PKCE with S256 is required";
        }
        return null;
    }

    private Answer token(HttpExchange exchange) throws IOException {
        Map<String, String> parameters = form(exchange);
        Grant grant = codes.remove(parameters.getOrDefault("code", ""));
        if (!"authorization_code".equals(parameters.get("grant_type")) || grant == null
                || grant.expiresAt().isBefore(Instant.now())
                || !grant.redirectUri().equals(parameters.get("redirect_uri"))
                || !CLIENT_ID.equals(parameters.get("client_id"))
                || !grant.codeChallenge().equals(challenge(parameters.getOrDefault("code_verifier", "")))) {
            return Answer.oauthError("invalid_grant");
        }
        DevUser user = grant.user();
        String accessToken = tokens.mint(user.organisation(), user.username(), user.roles(), tokenValidity);
        String idToken = tokens.mintAltered(user.organisation(), user.username(), user.roles(), tokenValidity,
                claims -> {
                    claims.put("iss", issuer());
                    claims.put("aud", List.of(CLIENT_ID));
                    claims.put("name", user.displayName());
                    if (grant.nonce() != null) {
                        claims.put("nonce", grant.nonce());
                    }
                });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", accessToken);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", tokenValidity.toSeconds());
        answer.put("id_token", idToken);
        answer.put("scope", "openid");
        return Answer.json(JSON.writeValueAsString(answer));
    }

    private Answer logout(HttpExchange exchange) {
        Map<String, String> parameters = query(exchange.getRequestURI());
        String target = parameters.getOrDefault("post_logout_redirect_uri", "");
        if (!target.startsWith(redirectPrefix)) {
            return Answer.html(SignInPage.signedOut());
        }
        String state = parameters.get("state");
        return Answer.redirect(state == null ? target : target + (target.contains("?") ? "&" : "?")
                + "state=" + encode(state));
    }

    private void answer(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = handler.handle(exchange);
            } catch (RuntimeException e) {
                answer = Answer.problem(500, "dev identity provider failed: " + e.getClass().getSimpleName());
            }
            answer.send(exchange);
        }
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        return parse(new String(exchange.getRequestBody().readNBytes(16_384), StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(URI uri) {
        return parse(uri.getRawQuery());
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(key, value);
        }
        return parameters;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @FunctionalInterface
    private interface Handler {
        Answer handle(HttpExchange exchange) throws IOException;
    }

    private record Grant(DevUser user, String redirectUri, String codeChallenge, String nonce, Instant expiresAt) {
    }
}
