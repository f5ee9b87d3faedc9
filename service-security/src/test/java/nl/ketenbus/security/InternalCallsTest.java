package nl.ketenbus.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class InternalCallsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final byte[] BODY = "{\"subjectRef\":\"sr-0123456789abcdef\"}".getBytes(StandardCharsets.UTF_8);

    private final InternalCalls calls = new InternalCalls(secret());

    @Test
    void acceptsExactlyTheSignedRequestWithinTheSkew() {
        String header = calls.sign("POST", "/internal/v1/identity/open", BODY, NOW);

        assertThat(calls.verify(header, "POST", "/internal/v1/identity/open", BODY, NOW.plusSeconds(59))).isTrue();
        assertThat(calls.verify(header, "POST", "/internal/v1/identity/open", BODY, NOW.plusSeconds(61)))
                .as("replayed later").isFalse();
        assertThat(calls.verify(header, "POST", "/internal/v1/identity/other", BODY, NOW)).as("another path").isFalse();
        assertThat(calls.verify(header, "GET", "/internal/v1/identity/open", BODY, NOW)).as("another method").isFalse();
        byte[] changed = BODY.clone();
        changed[5] ^= 1;
        assertThat(calls.verify(header, "POST", "/internal/v1/identity/open", changed, NOW)).as("another body").isFalse();
    }

    @Test
    void refusesAnotherSecretAndMalformedHeaders() {
        String header = new InternalCalls(secret()).sign("POST", "/internal/x", BODY, NOW);

        assertThat(calls.verify(header, "POST", "/internal/x", BODY, NOW)).isFalse();
        assertThat(calls.verify(null, "POST", "/internal/x", BODY, NOW)).isFalse();
        assertThat(calls.verify("t=1,s=zz", "POST", "/internal/x", BODY, NOW)).isFalse();
        assertThatThrownBy(() -> new InternalCalls(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("at least 32 bytes");
    }

    private static String secret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }
}
