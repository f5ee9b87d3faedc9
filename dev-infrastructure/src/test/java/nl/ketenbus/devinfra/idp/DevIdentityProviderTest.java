package nl.ketenbus.devinfra.idp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.devinfra.DevTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dev provider's authorization-code flow: PKCE is required, codes are single-use, redirects fixed. */
class DevIdentityProviderTest {

    private static final String PAGES = "http://localhost:18083/";
    private static final String REDIRECT = PAGES + "login/oauth2/code/ketenbus";
    private static final String VERIFIER = "a-long-enough-code-verifier-for-the-test-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private DevIdentityProvider provider;

    @BeforeEach
    void start() throws IOException {
        provider = DevIdentityProvider.start(0, DevTokens.generate(Files.createTempDirectory("idp-test")),
                Duration.ofMinutes(5), PAGES);
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void discoveryNamesTheProviderAndItsEndpoints() throws Exception {
        JsonNode metadata = JSON.readTree(get("/.well-known/openid-configuration").body());
        assertThat(metadata.get("issuer").asText()).isEqualTo(provider.issuer());
        assertThat(metadata.get("token_endpoint").asText()).isEqualTo(provider.issuer() + "/token");
        assertThat(metadata.get("code_challenge_methods_supported").toString()).contains("S256");
        assertThat(JSON.readTree(get("/jwks").body()).get("keys").get(0).has("d")).isFalse();
    }

    @Test
    void aDevUserSignsInOnceWithTheRightVerifier() throws Exception {
        String page = get("/authorize?" + request(challenge(VERIFIER), REDIRECT)).body();
        assertThat(page).contains("Alleen voor ontwikkeling").contains("value=\"casusregisseur-1\"");

        String code = code("casusregisseur-1");
        assertThat(token(code, "wrong-verifier-wrong-verifier-wrong-verifier-0000").statusCode()).isEqualTo(400);
        String fresh = code("casusregisseur-1");
        HttpResponse<String> tokens = token(fresh, VERIFIER);
        assertThat(tokens.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(tokens.body());
        assertThat(claims(answer.get("access_token").asText()).get("organisation").asText()).isEqualTo("gemeente");
        JsonNode id = claims(answer.get("id_token").asText());
        assertThat(id.get("iss").asText()).isEqualTo(provider.issuer());
        assertThat(id.get("aud").toString()).contains(DevIdentityProvider.CLIENT_ID);
        assertThat(id.get("nonce").asText()).isEqualTo("n-1");
        assertThat(token(fresh, VERIFIER).statusCode()).as("a code is used once").isEqualTo(400);
    }

    @Test
    void itRefusesAnotherRedirectAndARequestWithoutPkce() throws Exception {
        assertThat(get("/authorize?" + request(challenge(VERIFIER), "http://evil.example/cb")).statusCode())
                .isEqualTo(400);
        assertThat(get("/authorize?" + request(challenge(VERIFIER), REDIRECT).replace("&code_challenge_method=S256",
                "")).statusCode()).isEqualTo(400);
        assertThat(get("/logout?post_logout_redirect_uri=http://evil.example/").body()).contains("afgemeld");
        assertThat(get("/logout?post_logout_redirect_uri=" + PAGES + "afgemeld").statusCode()).isEqualTo(302);
    }

    private String code(String username) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(provider.issuer() + "/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(request(challenge(VERIFIER), REDIRECT)
                        + "&username=" + username)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=").endsWith("&state=s-1");
        return URLDecoder.decode(location.substring(location.indexOf("code=") + 5, location.indexOf("&state")),
                StandardCharsets.UTF_8);
    }

    private HttpResponse<String> token(String code, String verifier) throws Exception {
        String form = "grant_type=authorization_code&client_id=" + DevIdentityProvider.CLIENT_ID + "&code="
                + DevIdentityProvider.encode(code) + "&redirect_uri=" + DevIdentityProvider.encode(REDIRECT)
                + "&code_verifier=" + verifier;
        return HTTP.send(HttpRequest.newBuilder(URI.create(provider.issuer() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String request(String challenge, String redirect) {
        return "response_type=code&client_id=" + DevIdentityProvider.CLIENT_ID + "&scope=openid&state=s-1&nonce=n-1"
                + "&redirect_uri=" + DevIdentityProvider.encode(redirect) + "&code_challenge=" + challenge
                + "&code_challenge_method=S256";
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(provider.issuer() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static JsonNode claims(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
