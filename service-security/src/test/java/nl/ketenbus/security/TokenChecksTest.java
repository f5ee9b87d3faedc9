package nl.ketenbus.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** The claims a token must carry beyond its signature, and the settings a service cannot start without. */
class TokenChecksTest {

    private static final String ISSUER = "https://idp.example/realms/ketenbus";
    private final TokenChecks checks = new TokenChecks(ISSUER, List.of("ketenbus"));

    @Test
    void aServiceWithoutIssuerOrAudienceDoesNotStart() {
        assertThatThrownBy(() -> new TokenChecks("", List.of("ketenbus"))).hasMessageContaining("token-issuer");
        assertThatThrownBy(() -> new TokenChecks(ISSUER, List.of())).hasMessageContaining("jwt.audiences");
        assertThatThrownBy(() -> new TokenChecks(ISSUER, List.of(""))).hasMessageContaining("jwt.audiences");
    }

    @Test
    void aTokenMeantForAnotherServiceIsRefusedEvenIfTheResourceServerLetItThrough() {
        assertThatThrownBy(() -> checks.convert(token(List.of("other-client")))).satisfies(
                refused -> assertThat(TokenChecks.reasonOf((Exception) refused)).isEqualTo(TokenChecks.Reason.AUDIENCE));
        assertThatThrownBy(() -> checks.convert(token(List.of()))).satisfies(
                refused -> assertThat(TokenChecks.reasonOf((Exception) refused)).isEqualTo(TokenChecks.Reason.AUDIENCE));
        assertThat(checks.convert(token(List.of("account", "ketenbus"))).getName()).isEqualTo("politie-1");
    }

    private static Jwt token(List<String> audience) {
        Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "RS256").issuer(ISSUER).subject("politie-1")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300))
                .claim(TokenClaims.ORGANISATION, "politie").claim(TokenClaims.ROLES, List.of("professional"));
        if (!audience.isEmpty()) {
            token.audience(audience);
        }
        return token.build();
    }
}
