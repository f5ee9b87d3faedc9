package nl.ketenbus.devinfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spring Boot properties that point one service at a PostgreSQL schema, a Kafka broker and the
 * (dev-only) token issuer: the same for an in-JVM test context, a service process and the local run.
 *
 * @param postgres the server
 * @param schema   the service's own schema (Flyway creates it)
 * @param kafka    the broker
 * @param tokens    the dev-only issuer whose public key the service trusts
 * @param auditKeys DEV-ONLY: where the query service keeps (and at its first start generates) the
 *                  access log's keys; they must live exactly as long as the schema's access log
 */
public record ServiceSettings(Postgres postgres, String schema, Kafka kafka, DevTokens tokens, Path auditKeys) {

    /**
     * Settings on the test infrastructure with a fresh schema named after {@code schemaPrefix};
     * the schema is dropped when the test JVM ends, the access-log keys with it.
     */
    public static ServiceSettings forTests(String schemaPrefix) {
        Postgres postgres = Postgres.forTests();
        String schema = postgres.freshSchema(schemaPrefix);
        postgres.dropAtExit(schema);
        return new ServiceSettings(postgres, schema, Kafka.forTests(), DevTokens.forTests(), temporaryAuditKeys());
    }

    /** The erasure register of a command schema: a test's register names only its own youths. */
    public static String erasureRegisterOf(String schema) {
        return "ketenbus.erasures." + schema;
    }

    /** The same settings on another server or database (a fresh schema in it). */
    public ServiceSettings on(Postgres other) {
        return new ServiceSettings(other, other.freshSchema(schema.substring(0, schema.indexOf('_'))), kafka, tokens,
                auditKeys);
    }

    /** The same settings on another broker. */
    public ServiceSettings on(Kafka other) {
        return new ServiceSettings(postgres, schema, other, tokens, auditKeys);
    }

    /** The same settings with the access-log keys kept elsewhere. */
    public ServiceSettings withAuditKeys(Path location) {
        return new ServiceSettings(postgres, schema, kafka, tokens, location);
    }

    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", postgres.jdbcUrl(schema));
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("spring.flyway.schemas", schema);
        properties.put("spring.flyway.default-schema", schema);
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("spring.security.oauth2.resourceserver.jwt.public-key-location", tokens.publicKeyLocation());
        properties.put("spring.security.oauth2.resourceserver.jwt.audiences", DevTokens.AUDIENCE);
        properties.put("ketenbus.security.token-issuer", DevTokens.ISSUER);
        properties.put("ketenbus.audit.signing-key-location", auditKeys.toString());
        // The access log's exported checkpoints live exactly as long as the schema's access log.
        properties.put("ketenbus.audit.checkpoint-topic", KafkaAcls.CHECKPOINT_TOPICS + "." + schema);
        // So is the register of the schema's erasures: a test's register names only its own youths.
        properties.put("ketenbus.erasure-register.topic", erasureRegisterOf(schema));
        if (kafka.secured()) {
            // Schemas are named after their service ("command", "query", or a test's "command_..."),
            // and each service authenticates as its own principal.
            String principal = schema.startsWith("command") ? KafkaCredentials.COMMAND_SERVICE
                    : KafkaCredentials.QUERY_SERVICE;
            kafka.credentials().clientProperties(principal).forEach((key, value) ->
                    properties.put(key.equals("security.protocol") ? "spring.kafka.security.protocol"
                            : "spring.kafka.properties." + key, value));
        }
        return properties;
    }

    /** {@link #properties()} as {@code key=value} strings, plus the given extra ones. */
    public List<String> arguments(String... extra) {
        List<String> arguments = new ArrayList<>();
        properties().forEach((key, value) -> arguments.add(key + "=" + value));
        arguments.addAll(List.of(extra));
        return arguments;
    }

    /**
     * The pages' properties: where the services are and the identity provider to sign people in with
     * (the dev provider in tests and the local run). The pages hold no database or broker of their own.
     */
    public static List<String> web(String issuer, java.net.URI commandService, java.net.URI queryService) {
        return List.of("ketenbus.web.command-service=" + commandService,
                "ketenbus.web.query-service=" + queryService,
                "spring.security.oauth2.client.provider.ketenbus.issuer-uri=" + issuer,
                "server.address=127.0.0.1");
    }

    private static Path temporaryAuditKeys() {
        try {
            Path directory = Files.createTempDirectory("ketenbus-audit-keys");
            directory.toFile().deleteOnExit();
            Path keys = directory.resolve("audit-keys");
            keys.toFile().deleteOnExit();
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
