package nl.ketenbus.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * DEV-ONLY token issuer for tests and the local run. Tests generate an RSA key pair in memory per
 * JVM. The local run keeps its pair in {@code .ketenbus/dev-issuer} (owner-only), so that its tokens
 * survive a restart and {@code deploy/local/token.sh} can mint one for any party while it runs. The
 * services read the public half through
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. Production services
 * trust the organisation's identity provider instead (README, docs/security.md).
 */
public final class DevTokens {

    public static final String ISSUER = "urn:ketenbus:dev-issuer";
    public static final String AUDIENCE = "ketenbus";
    private static final String KEY_FILE = "dev-issuer-key.jwk.json";

    private final NimbusJwtEncoder encoder;
    private final Path publicKey;
    private final RSAKey publicJwk;

    private DevTokens(NimbusJwtEncoder encoder, Path publicKey, RSAKey publicJwk) {
        this.encoder = encoder;
        this.publicKey = publicKey;
        this.publicJwk = publicJwk;
    }

    /** Generates a key pair; writes the public key (PEM) into {@code directory}. */
    public static DevTokens generate(Path directory) {
        return of(newKey(), directory);
    }

    /**
     * The local run's issuer: its key pair is read from {@code directory}, or generated and kept
     * there (owner-only) at the first start.
     */
    public static DevTokens forLocalRun(Path directory) {
        Path keyFile = directory.resolve(KEY_FILE);
        try {
            if (Files.exists(keyFile)) {
                return of(RSAKey.parse(Files.readString(keyFile, StandardCharsets.US_ASCII)), directory);
            }
            RSAKey key = newKey();
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            Files.writeString(keyFile, key.toJSONString(), StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            return of(key, directory);
        } catch (ParseException e) {
            throw new IllegalStateException("The dev issuer's key in " + keyFile + " is unreadable: delete it "
                    + "(tokens minted with it stop working)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the dev issuer's key in " + directory, e);
        }
    }

    private static DevTokens of(RSAKey key, Path directory) {
        try {
            Files.createDirectories(directory);
            Path publicKey = directory.resolve("dev-issuer-public-key.pem");
            Files.writeString(publicKey, pem(key.toRSAPublicKey()), StandardCharsets.US_ASCII);
            return new DevTokens(new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key))), publicKey,
                    key.toPublicJWK());
        } catch (JOSEException e) {
            throw new IllegalStateException("Not an RSA key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the dev public key", e);
        }
    }

    private static RSAKey newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    /** The tokens of this JVM's tests, keys generated once. */
    public static synchronized DevTokens forTests() {
        if (forTests == null) {
            try {
                forTests = generate(Files.createTempDirectory("ketenbus-dev-issuer"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return forTests;
    }

    private static DevTokens forTests;

    /** Where the services find the public key, as a Spring resource location. */
    public String publicKeyLocation() {
        return "file:" + publicKey.toAbsolutePath();
    }

    /**
     * A bearer token for a user or partner system of {@code organisation} with {@code roles},
     * valid for {@code validity}.
     */
    public String mint(String organisation, String subject, List<String> roles, Duration validity) {
        return mintAltered(organisation, subject, roles, validity, claims -> { });
    }

    /**
     * As {@link #mint}, with the claims altered before signing (tests of the token checks: no
     * expiry, another issuer or audience, no roles, ...), signed with this issuer's key.
     */
    public String mintAltered(String organisation, String subject, List<String> roles, Duration validity,
                              Consumer<Map<String, Object>> alter) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE))
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(validity))
                .claim("organisation", organisation)
                .claim("roles", roles)
                .claims(alter)
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /** The public key as a JWK set (JSON), as the dev identity provider publishes it. */
    public String publicJwkSetJson() {
        return new JWKSet(publicJwk).toString(true);
    }

    /** The public key as PEM text (what an attacker knows: tests sign with it as an HMAC secret). */
    public String publicKeyPem() {
        try {
            return Files.readString(publicKey, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A partner system's publishing token, valid for an hour. */
    public String publisher(String organisation) {
        return mint(organisation, organisation + "-system", List.of("publisher"), Duration.ofHours(1));
    }

    /**
     * A platform operator's token (role {@code operator}, of the gemeente that runs the backbone),
     * valid for an hour: for the actuator's metrics and info.
     */
    public String operator() {
        return mint("gemeente", "platform-operator", List.of("operator"), Duration.ofHours(1));
    }

    private static String pem(PublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }
}
