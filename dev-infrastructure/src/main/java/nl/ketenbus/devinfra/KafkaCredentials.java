package nl.ketenbus.devinfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import nl.ketenbus.events.OrganisationCode;

/**
 * DEV ONLY: the SCRAM-SHA-512 principals of a broker that authenticates its clients, and their
 * passwords, generated at random: one per backbone service, one per partner, and the broker's own
 * administrator (docs/kafka.md, "Who may use the broker"). Production takes them from its secret
 * store; these are for tests (in memory) and the local run (kept with its data, owner-only).
 */
public final class KafkaCredentials {

    public static final String MECHANISM = "SCRAM-SHA-512";
    /** The broker itself and whoever sets up users, topics and ACLs. */
    public static final String ADMIN = "ketenbus-admin";
    public static final String COMMAND_SERVICE = "ketenbus-command";
    public static final String QUERY_SERVICE = "ketenbus-query";

    private final Map<String, String> passwords;

    private KafkaCredentials(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    /** The principal a partner's system authenticates as: one per organisation. */
    public static String partner(OrganisationCode organisation) {
        return "partner-" + organisation.code();
    }

    /** Fresh random passwords for every principal. */
    public static KafkaCredentials generate() {
        SecureRandom random = new SecureRandom();
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(ADMIN, password(random));
        passwords.put(COMMAND_SERVICE, password(random));
        passwords.put(QUERY_SERVICE, password(random));
        Arrays.stream(OrganisationCode.values()).forEach(code -> passwords.put(partner(code), password(random)));
        return new KafkaCredentials(passwords);
    }

    /** The credentials kept in {@code file}, generated and written there (owner-only) when it does not exist. */
    public static KafkaCredentials keptIn(Path file) {
        try {
            if (!Files.exists(file)) {
                KafkaCredentials fresh = generate();
                Files.createDirectories(file.toAbsolutePath().getParent());
                Properties out = new Properties();
                out.putAll(fresh.passwords);
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (var writer = Files.newBufferedWriter(file)) {
                    out.store(writer, "DEV ONLY: the local broker's SCRAM passwords (ketenbus local run)");
                }
                return fresh;
            }
            Properties in = new Properties();
            try (var reader = Files.newBufferedReader(file)) {
                in.load(reader);
            }
            Map<String, String> passwords = new LinkedHashMap<>();
            in.stringPropertyNames().forEach(name -> passwords.put(name, in.getProperty(name)));
            return new KafkaCredentials(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the broker's dev credentials in " + file, e);
        }
    }

    public Map<String, String> passwords() {
        return passwords;
    }

    public String passwordOf(String principal) {
        String password = passwords.get(principal);
        if (password == null) {
            throw new IllegalArgumentException("no such principal: " + principal);
        }
        return password;
    }

    /** What a Kafka client needs to authenticate as {@code principal}. */
    public Map<String, String> clientProperties(String principal) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", jaas(principal));
    }

    String jaas(String principal) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
                + "\" password=\"" + passwordOf(principal) + "\";";
    }

    private static String password(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
