package nl.ketenbus.query.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The access log's keys: the Ed25519 key that signs checkpoints, the public keys the verifier
 * trusts, and the secret chain key of the records' HMACs. They come from a key file (three lines,
 * base64: PKCS#8 private key, X.509 public key, 32-byte chain key) mounted from a secret, or from the
 * three properties {@code ketenbus.audit.private-key}, {@code public-key} and {@code chain-key}
 * (the same base64 values); when neither is there, a key file is generated (dev only) and the start
 * says so. After a key rotation the old public key stays trusted through
 * {@code ketenbus.audit.trusted-public-keys}, so older checkpoints still verify.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    /** The private key's 32 bytes as RFC 8032 defines them, which Bouncy Castle's code signs with. */
    private final byte[] seed;
    private final String keyId;
    private final ChainHash chainHash;
    private final byte[] chainKey;
    private final Map<String, PublicKey> trusted = new HashMap<>();

    @Autowired
    SigningKeys(@Value("${ketenbus.audit.signing-key-location}") String location,
                @Value("${ketenbus.audit.trusted-public-keys:}") List<String> trustedPublicKeys,
                @Value("${ketenbus.audit.private-key:}") String privateKey,
                @Value("${ketenbus.audit.public-key:}") String publicKey,
                @Value("${ketenbus.audit.chain-key:}") String chainKey) throws IOException, GeneralSecurityException {
        this(keyLines(location, privateKey, publicKey, chainKey), trustedPublicKeys);
    }

    /** For the command-line verifier: the key file only. */
    SigningKeys(String location, List<String> trustedPublicKeys) throws IOException, GeneralSecurityException {
        this(keyLines(location, "", "", ""), trustedPublicKeys);
    }

    private SigningKeys(List<String> lines, List<String> trustedPublicKeys) throws GeneralSecurityException {
        KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
        PrivateKey signing = ed25519.generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(lines.get(0).trim())));
        seed = ((EdECPrivateKey) signing).getBytes().orElseThrow(
                () -> new IllegalStateException("the access log's private key holds no Ed25519 key bytes"));
        PublicKey own = publicKey(lines.get(1).trim());
        keyId = idOf(own);
        chainKey = Base64.getDecoder().decode(lines.get(2).trim());
        chainHash = new ChainHash(chainKey);
        trusted.put(keyId, own);
        for (String encoded : trustedPublicKeys) {
            if (!encoded.isBlank()) {
                PublicKey key = publicKey(encoded.trim());
                trusted.put(idOf(key), key);
            }
        }
        // A private key that is not the public key's would sign heads and checkpoints no verifier
        // accepts: refuse the start instead. It also checks Bouncy Castle's signature with the JDK's
        // own verifier once.
        String check = "key-pair-check:" + keyId;
        if (!verifies(keyId, check, sign(check))) {
            throw new IllegalStateException("the access log's private key does not belong to its public key");
        }
    }

    /**
     * The three keys from configuration when all three are set (how compose passes them), else from
     * the key file, which is generated where it does not exist yet (dev only).
     */
    private static List<String> keyLines(String location, String privateKey, String publicKey, String chainKey)
            throws IOException, GeneralSecurityException {
        List<String> inline = List.of(privateKey, publicKey, chainKey);
        if (inline.stream().noneMatch(String::isBlank)) {
            return inline;
        }
        if (inline.stream().anyMatch(key -> !key.isBlank())) {
            throw new IllegalStateException("set all three of ketenbus.audit.private-key, public-key and chain-key, "
                    + "or none of them and a key file at ketenbus.audit.signing-key-location");
        }
        Path file = Path.of(location);
        if (!Files.exists(file)) {
            generate(file);
            log.warn("Generated a new access-log signing key at {} (dev only: give production a managed key)", file);
        }
        return Files.readAllLines(file, StandardCharsets.US_ASCII);
    }

    ChainHash chainHash() {
        return chainHash;
    }

    String keyId() {
        return keyId;
    }

    /** A 256-bit key for another use, derived from the chain key with a label naming that use. */
    byte[] derivedKey(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(chainKey, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * An Ed25519 signature (RFC 8032) of the content. Every access-log commit signs its new head, and
     * the JDK 17's own Ed25519 took 1,082 µs of CPU a signature, Bouncy Castle's 78.5 µs, with the same
     * bytes (Ed25519 signatures are deterministic; {@code HeadSignatureBenchmark}, ADR 0023). The JDK's
     * code still verifies.
     */
    String sign(String content) {
        byte[] message = content.getBytes(StandardCharsets.UTF_8);
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, message, 0, message.length, signature, 0);
        return Base64.getEncoder().encodeToString(signature);
    }

    /** Whether a trusted key with this id made this signature over the content. */
    boolean verifies(String keyId, String content, String signature) {
        Optional<PublicKey> key = Optional.ofNullable(trusted.get(keyId));
        if (key.isEmpty()) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key.get());
            verifier.update(content.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void generate(Path file) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] chainKey = new byte[32];
        new SecureRandom().nextBytes(chainKey);
        Base64.Encoder base64 = Base64.getEncoder();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, base64.encodeToString(pair.getPrivate().getEncoded()) + "\n"
                + base64.encodeToString(pair.getPublic().getEncoded()) + "\n" + base64.encodeToString(chainKey) + "\n",
                StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            log.warn("Cannot restrict the permissions of {}", file);
        }
    }

    private static PublicKey publicKey(String base64) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String idOf(PublicKey key) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 16);
    }
}
