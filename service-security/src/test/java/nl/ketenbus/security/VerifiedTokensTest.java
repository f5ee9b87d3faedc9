package nl.ketenbus.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The kept tokens against a real verifier (RSA signatures, Spring's time check with its default
 * skew of 60 s), both on one settable clock: what is served from the store is what the verifier
 * would accept at that moment.
 */
class VerifiedTokensTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    private final SettableClock clock = new SettableClock();
    private final KeyPair issuer = rsa();
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder verifier = counting(verifierOf(issuer));

    @Test
    void verifiesATokenOnceWhileItIsValid() throws JOSEException {
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock, Duration.ofMinutes(5), 100);
        String token = token(issuer, "reader-1", START.plusSeconds(600));

        assertThat(tokens.decode(token).getSubject()).isEqualTo("reader-1");
        clock.advance(Duration.ofMinutes(4));
        assertThat(tokens.decode(token).getSubject()).isEqualTo("reader-1");

        assertThat(verifications).hasValue(1);
    }

    @Test
    void asksTheVerifierAgainOnceTheTokenExpiredAndKeepsItsRefusal() throws JOSEException {
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock, Duration.ofMinutes(5), 100);
        String token = token(issuer, "reader-1", START.plusSeconds(60));
        tokens.decode(token);

        clock.advance(Duration.ofSeconds(61));
        assertThat(tokens.decode(token).getSubject()).as("within the verifier's skew").isEqualTo("reader-1");
        assertThat(verifications).hasValue(2);

        clock.advance(Duration.ofSeconds(60));
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(verifications).hasValue(4);
    }

    @Test
    void asksTheVerifierAgainAfterTheMaximumAge() throws JOSEException {
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock, Duration.ofMinutes(5), 100);
        String token = token(issuer, "reader-1", START.plus(Duration.ofHours(1)));
        tokens.decode(token);

        clock.advance(Duration.ofMinutes(5));
        tokens.decode(token);
        tokens.decode(token);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void neverKeepsATokenTheVerifierRefused() throws JOSEException {
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock, Duration.ofMinutes(5), 100);
        String forged = token(rsa(), "reader-1", START.plusSeconds(600));

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);

        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void keepsNoTokenWithoutExpiry() throws JOSEException {
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock, Duration.ofMinutes(5), 100);
        String everlasting = token(issuer, "reader-1", null);

        tokens.decode(everlasting);
        tokens.decode(everlasting);

        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void tellsTokensApartAndStaysWithinItsCapacity() throws JOSEException {
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock, Duration.ofMinutes(5), 3);
        for (int reader = 0; reader < 7; reader++) {
            String token = token(issuer, "reader-" + reader, START.plusSeconds(600));
            assertThat(tokens.decode(token).getSubject()).isEqualTo("reader-" + reader);
            assertThat(tokens.decode(token).getSubject()).isEqualTo("reader-" + reader);
            assertThat(tokens.size()).isBetween(1, 3);
        }
        assertThat(verifications).hasValue(7);
    }

    private JwtDecoder counting(JwtDecoder real) {
        return token -> {
            verifications.incrementAndGet();
            return real.decode(token);
        };
    }

    private NimbusJwtDecoder verifierOf(KeyPair keys) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
        JwtTimestampValidator time = new JwtTimestampValidator();
        time.setClock(clock);
        decoder.setJwtValidator(time);
        return decoder;
    }

    private static String token(KeyPair keys, String subject, Instant expiry) throws JOSEException {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issuer("urn:ketenbus:test-issuer")
                .issueTime(Date.from(START));
        if (expiry != null) {
            claims.expirationTime(Date.from(expiry));
        }
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        token.sign(new RSASSASigner(keys.getPrivate()));
        return token.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock the test moves. */
    private static final class SettableClock extends Clock {

        private Instant now = START;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
