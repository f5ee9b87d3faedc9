package nl.ketenbus.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Calls between the two services on {@code /internal/**} (the key-release path of ADR 0014): each
 * request carries {@value #HEADER}: {@code t=<epoch seconds>,s=<hex HMAC-SHA256>} over the time, the
 * method, the path (with its query, if any) and the body, keyed with the deployment's internal secret
 * ({@code ketenbus.internal.secret}, 32 random bytes in Base64). A request older or newer than
 * {@link #SKEW} is refused, so a captured request cannot be replayed later.
 */
public final class InternalCalls {

    public static final String HEADER = "X-Ketenbus-Internal";
    public static final String PATH_PREFIX = "/internal/";
    public static final Duration SKEW = Duration.ofSeconds(60);

    /** Keyed once; each call uses a copy (choosing the provider and keying took most of a call's HMAC time). */
    private final Mac keyed;

    public InternalCalls(String base64Secret) {
        byte[] secret = Base64.getDecoder().decode(base64Secret);
        if (secret.length < 32) {
            throw new IllegalArgumentException("ketenbus.internal.secret must be at least 32 bytes (Base64)");
        }
        try {
            this.keyed = Mac.getInstance("HmacSHA256");
            keyed.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The header value for a request sent now. */
    public String sign(String method, String path, byte[] body, Instant now) {
        long seconds = now.getEpochSecond();
        return "t=" + seconds + ",s=" + HexFormat.of().formatHex(mac(seconds, method, path, body));
    }

    /** Whether the header signs exactly this request, within the allowed skew of {@code now}. */
    public boolean verify(String header, String method, String path, byte[] body, Instant now) {
        if (header == null || !header.matches("t=\\d{1,12},s=[0-9a-f]{64}")) {
            return false;
        }
        long seconds = Long.parseLong(header.substring(2, header.indexOf(',')));
        if (Math.abs(now.getEpochSecond() - seconds) > SKEW.toSeconds()) {
            return false;
        }
        byte[] given = HexFormat.of().parseHex(header.substring(header.indexOf(",s=") + 3));
        return MessageDigest.isEqual(given, mac(seconds, method, path, body));
    }

    private byte[] mac(long seconds, String method, String path, byte[] body) {
        try {
            Mac mac = (Mac) keyed.clone();
            mac.update((seconds + "\n" + method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's HmacSHA256 cannot be copied", e);
        }
    }
}
