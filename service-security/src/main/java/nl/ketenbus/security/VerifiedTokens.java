package nl.ketenbus.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Bearer tokens already verified, kept so that the next call with the same token is not verified
 * again: a case director's browser and a partner's system send one token with every call, and its
 * verification (the RSA signature, and Spring's claim conversion, which for an issuer that is not a
 * URL, such as a URN, looks for a URL protocol handler and throws on every call) took a seventh of a
 * query node's request threads' CPU under timeline reads (docs/benchmarks.md).
 *
 * <p>A kept token is served only until its expiry and at most {@code maxAge} after it was verified;
 * after that it goes to the verifier again, which then decides with its own rules (its clock skew
 * included). So this never accepts a token the verifier would refuse at that moment, with one
 * exception bounded by {@code maxAge}: a signing key the issuer withdraws is still trusted for the
 * tokens seen before, as the verifier's own cache of the issuer's key set does for that long. A
 * refused token is never kept; a token without expiry is not kept (the claim checks refuse it). The
 * tokens are kept by their SHA-256 digest, not in clear; at {@code capacity} the store is emptied.
 */
final class VerifiedTokens implements JwtDecoder {

    private record Kept(Jwt jwt, Instant until) {
    }

    private static final MessageDigest SHA_256 = sha256();

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Duration maxAge;
    private final int capacity;
    private final Map<ByteBuffer, Kept> kept = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder verifier, Clock clock, Duration maxAge, int capacity) {
        this.verifier = verifier;
        this.clock = clock;
        this.maxAge = maxAge;
        this.capacity = capacity;
    }

    @Override
    public Jwt decode(String token) {
        ByteBuffer digest = digest(token);
        Instant now = clock.instant();
        Kept known = kept.get(digest);
        if (known != null && now.isBefore(known.until())) {
            return known.jwt();
        }
        Jwt verified = verifier.decode(token);
        Instant expiry = verified.getExpiresAt();
        if (expiry != null && now.isBefore(expiry)) {
            if (kept.size() >= capacity) {
                kept.clear();
            }
            Instant latest = now.plus(maxAge);
            kept.put(digest, new Kept(verified, expiry.isBefore(latest) ? expiry : latest));
        }
        return verified;
    }

    /** How many tokens are kept now. */
    int size() {
        return kept.size();
    }

    /** The token's SHA-256, from a copy of one prepared digest (looking the algorithm up costs more than hashing). */
    private static ByteBuffer digest(String token) {
        try {
            MessageDigest sha256 = (MessageDigest) SHA_256.clone();
            return ByteBuffer.wrap(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-256 cannot be copied", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
