package nl.ketenbus.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * DEV-ONLY token issuer for tests and the local run. A fresh RSA key pair is generated in memory
 * at every start and never written anywhere but its public half, which the services read through
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. Production services
 * trust the organisation's identity provider instead (README, docs/security.md).
 */
public final class DevTokens {

    public static final String ISSUER = "urn:ketenbus:dev-issuer";
    public static final String AUDIENCE = "ketenbus";

    private final NimbusJwtEncoder encoder;
    private final Path publicKey;

    private DevTokens(NimbusJwtEncoder encoder, Path publicKey) {
        this.encoder = encoder;
        this.publicKey = publicKey;
    }

    /** Generates a key pair; writes the public key (PEM) into {@code directory}. */
    public static DevTokens generate(Path directory) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
            Files.createDirectories(directory);
            Path publicKey = directory.resolve("dev-issuer-public-key.pem");
            Files.writeString(publicKey, pem(pair), StandardCharsets.US_ASCII);
            return new DevTokens(new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key))), publicKey);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the dev public key", e);
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
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE))
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(validity))
                .claim("organisation", organisation)
                .claim("roles", roles)
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /** A partner system's publishing token, valid for an hour. */
    public String publisher(String organisation) {
        return mint(organisation, organisation + "-system", List.of("publisher"), Duration.ofHours(1));
    }

    private static String pem(KeyPair pair) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }
}
