package nl.ketenbus.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * DEV-ONLY deployment secrets of the command service (the pseudonym key and the master key that
 * wraps the per-subject data keys) and of the calls between the services (the internal secret): random per test JVM, or generated at the first local run and
 * kept in {@code .ketenbus/dev-secrets} (owner-only), so data sealed in one run opens in the next.
 * The query service's access-log keys are kept there too ({@link #auditKeysIn}): a log written in
 * one run must verify in the next. Production secrets come from the platform's secret store
 * (docs/security.md).
 */
public final class DevSecrets {

    private static final String INTERNAL_SECRET = "ketenbus.internal.secret";
    private static DevSecrets forTests;

    private final String pseudonymKey;
    private final String masterKey;
    private final String internalSecret;

    private DevSecrets(String pseudonymKey, String masterKey, String internalSecret) {
        this.pseudonymKey = pseudonymKey;
        this.masterKey = masterKey;
        this.internalSecret = internalSecret;
    }

    public static synchronized DevSecrets forTests() {
        if (forTests == null) {
            forTests = new DevSecrets(randomKey(), randomKey(), randomKey());
        }
        return forTests;
    }

    /** The local run's secrets, generated on first use and reused afterwards. */
    public static DevSecrets forLocalRun(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            return new DevSecrets(stored(directory.resolve("pseudonym-key")), stored(directory.resolve("master-key")),
                    stored(directory.resolve("internal-secret")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the dev secrets in " + directory, e);
        }
    }

    /**
     * Where the local run's query service keeps its access-log keys (it generates them there at its
     * first start): beside the other secrets of the run, kept as long as its data.
     */
    public static Path auditKeysIn(Path directory) {
        return directory.resolve("audit-keys");
    }

    /** The command service's properties that carry these secrets. */
    public Map<String, String> commandServiceProperties() {
        return Map.of("ketenbus.crypto.pseudonym-key", pseudonymKey, "ketenbus.crypto.master-key", masterKey,
                INTERNAL_SECRET, internalSecret);
    }

    /**
     * The query service's properties for opening identity fields through the command service at
     * {@code commandService} (the key-release path, ADR 0014).
     */
    public List<String> queryServiceArguments(URI commandService) {
        return List.of(INTERNAL_SECRET + "=" + internalSecret, "ketenbus.identity.release-url=" + commandService);
    }

    /** {@link #commandServiceProperties()} as {@code key=value} strings. */
    public List<String> commandServiceArguments() {
        return commandServiceProperties().entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .toList();
    }

    private static String stored(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        }
        String key = randomKey();
        Files.writeString(file, key + "\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return key;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
