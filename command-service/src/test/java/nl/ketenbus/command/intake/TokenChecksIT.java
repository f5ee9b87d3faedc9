package nl.ketenbus.command.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.PartnerEvents;
import nl.ketenbus.devinfra.DevTokens;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad bearer token is refused with a 401 problem before the intake sees the event,
 * counted by its reason; nothing is stored. The good token beside them is accepted, so the
 * refusals are the token's, not the event's.
 */
class TokenChecksIT extends CommandServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final DevTokens ISSUER = DevTokens.forTests();
    /** One token for reading the metrics, so that reading them adds no kept token after its first use. */
    private static final String OPERATOR = ISSUER.operator();

    @Test
    void everyBadTokenIsRefusedWith401BeforeAnyControllerAndCounted() throws Exception {
        String youth = new IntakeClient(port).registerNewYouth();
        long stored = storedEventsOf(youth);
        List<Bad> bad = List.of(
                new Bad("expired", "EXPIRED", altered(claims -> {
                    claims.put("iat", Instant.now().minusSeconds(7200));
                    claims.put("exp", Instant.now().minusSeconds(3600));
                })),
                new Bad("without exp", "NO_EXPIRY", altered(claims -> claims.remove("exp"))),
                new Bad("not yet valid", "NOT_YET_VALID", altered(claims -> claims.put("nbf",
                        Instant.now().plusSeconds(3600)))),
                new Bad("another issuer", "ISSUER", altered(claims -> claims.put("iss", "urn:evil"))),
                new Bad("another audience", "AUDIENCE", altered(claims -> claims.put("aud",
                        List.of("another-service")))),
                new Bad("without organisation", "NO_ORGANISATION", altered(claims -> claims.remove("organisation"))),
                new Bad("roles: []", "NO_ROLES", altered(claims -> claims.put("roles", List.of()))),
                new Bad("without roles", "NO_ROLES", altered(claims -> claims.remove("roles"))),
                new Bad("without subject", "NO_SUBJECT", altered(claims -> claims.remove("sub"))),
                new Bad("another key", "SIGNATURE", DevTokens.generate(Files.createTempDirectory("another-issuer"))
                        .mint("leerplicht", "leerplicht-system", List.of("publisher"), Duration.ofHours(1))),
                new Bad("alg: none", "SIGNATURE", unsigned()),
                new Bad("HS256 keyed with the public key", "SIGNATURE", hmacWithThePublicKey()));

        // Each twice: a refused token is refused again (the node keeps only tokens it verified).
        for (Bad token : bad) {
            for (int time = 1; time <= 2; time++) {
                double before = refused(token.reason());
                HttpResponse<String> answer = post(youth, token.token());
                assertThat(answer.statusCode()).as(token.label() + ", time " + time).isEqualTo(401);
                assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(token.label())
                        .startsWith("application/problem+json");
                JsonNode problem = JSON.readTree(answer.body());
                assertThat(problem.get("type").asText()).isEqualTo("urn:ketenbus:problem:unauthenticated");
                assertThat(refused(token.reason())).as(token.label() + " counted as " + token.reason())
                        .isEqualTo(before + 1);
            }
        }
        assertThat(post(youth, null).statusCode()).isEqualTo(401);
        assertThat(storedEventsOf(youth)).as("nothing stored for a refused token").isEqualTo(stored);
        assertThat(post(youth, PartnerEvents.tokenFor("urn:ketenbus:org:leerplicht")).statusCode()).isEqualTo(202);
    }

    @Test
    void aVerifiedTokenIsKeptOnceAndStillChecked() throws Exception {
        String youth = new IntakeClient(port).registerNewYouth();
        String token = ISSUER.mint("leerplicht", "leerplicht-system-" + UUID.randomUUID(), List.of("publisher"),
                Duration.ofHours(1));
        double before = kept();

        assertThat(post(youth, token).statusCode()).isEqualTo(202);
        assertThat(kept()).as("the node keeps the token it verified").isEqualTo(before + 1);
        assertThat(post(youth, token).statusCode()).isEqualTo(202);
        assertThat(kept()).as("and does not keep it twice").isEqualTo(before + 1);

        String withoutOrganisation = altered(claims -> claims.remove("organisation"));
        assertThat(post(youth, withoutOrganisation).statusCode()).isEqualTo(401);
        assertThat(post(youth, withoutOrganisation).statusCode()).as("its claims are checked at every call")
                .isEqualTo(401);
    }

    /** A bad token, what it is, and the reason it must be counted under. */
    private record Bad(String label, String reason, String token) {
    }

    private static String altered(Consumer<Map<String, Object>> alter) {
        return ISSUER.mintAltered("leerplicht", "leerplicht-system", List.of("publisher"), Duration.ofHours(1),
                alter);
    }

    /** {@code alg: none}: the claims of a good token without any signature. */
    private static String unsigned() throws Exception {
        return new PlainJWT(claims()).serialize();
    }

    /** HS256 keyed with the trusted public key, which everyone has: the classic algorithm confusion. */
    private static String hmacWithThePublicKey() throws Exception {
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims());
        token.sign(new MACSigner(ISSUER.publicKeyPem().getBytes(StandardCharsets.US_ASCII)));
        return token.serialize();
    }

    private static JWTClaimsSet claims() throws Exception {
        String good = ISSUER.mint("leerplicht", "leerplicht-system", List.of("publisher"), Duration.ofHours(1));
        return JWTClaimsSet.parse(new String(Base64.getUrlDecoder().decode(good.split("\\.")[1]),
                StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String youth, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/events"))
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(PartnerEvents.signalRaised(youth,
                        "urn:ketenbus:org:leerplicht", "OVERIG", "TRUANCY_OR_FALLING_GRADES").toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private double refused(String reason) throws Exception {
        return metric("ketenbus.auth.refused?tag=reason:" + reason);
    }

    private double kept() throws Exception {
        return metric("ketenbus.auth.tokens.kept");
    }

    private double metric(String query) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/metrics/" + query))
                .header("Authorization", "Bearer " + OPERATOR).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 404 ? 0 : JSON.readTree(answer.body()).at("/measurements/0/value").asDouble();
    }
}
