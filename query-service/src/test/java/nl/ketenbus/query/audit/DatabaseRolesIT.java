package nl.ketenbus.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.Postgres;
import nl.ketenbus.devinfra.ServiceSettings;
import nl.ketenbus.query.support.QueryApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The query service as production runs it (docs/operations.md): Flyway migrates as the tables'
 * owner, the service runs as a role of its own. The service works; the access log is append-only
 * for that role in the database's own terms (no delete, no anchor, no disabled trigger); the purge
 * works through the database's function only for records older than two years.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseRolesIT {

    private static final String APP_ROLE = "ketenbus_app_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String APP_PASSWORD = UUID.randomUUID().toString();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws SQLException {
        String topic = Kafka.forTests().freshTopic("ketenbus.events.roles");
        Kafka.forTests().createTopic(topic, 1);
        ServiceSettings settings = ServiceSettings.forTests("query");
        Postgres postgres = Postgres.forTests();
        try (Connection owner = postgres.connect(settings.schema())) {
            owner.createStatement().execute("create role " + APP_ROLE + " login password '" + APP_PASSWORD + "'");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropRole(postgres, settings.schema())));
        settings.properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("ketenbus.projection.topic", () -> topic);
        registry.add("spring.flyway.user", postgres::username);
        registry.add("spring.flyway.password", postgres::password);
        registry.add("spring.flyway.placeholders.approle", () -> APP_ROLE);
        registry.add("spring.datasource.username", () -> APP_ROLE);
        registry.add("spring.datasource.password", () -> APP_PASSWORD);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AccessLog accessLog;

    @Autowired
    Checkpoints checkpoints;

    @Autowired
    ChainVerifier verifier;

    @Autowired
    AccessLogRetention retention;

    @Test
    void theServiceRunsAsItsOwnRoleAndCannotCutTheAccessLog() throws Exception {
        assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo(APP_ROLE);
        QueryApi.Response read = new QueryApi(port).get("/v1/subjects/sr-roles-" + UUID.randomUUID().toString()
                .substring(0, 8) + "/timeline?purpose=signaaloverleg", QueryApi.token("politie", "professional"));
        assertThat(read.status()).isEqualTo(200);
        checkpoints.checkpoint();
        long last = jdbc.queryForObject("select max(seq) from access_log", Long.class);

        assertThat(refusal("delete from access_log where seq = " + last)).contains("permission denied");
        assertThat(refusal("truncate access_log")).contains("permission denied");
        assertThat(refusal("alter table access_log disable trigger access_log_append_only")).contains("must be owner");
        assertThat(refusal("insert into access_log_anchor (seq, hash, purged_at) select seq, hash, now() "
                + "from access_log where seq = " + last)).contains("permission denied");
        assertThat(refusal("delete from access_log_checkpoint")).contains("permission denied");
        assertThat(refusal("select access_log_purge(" + last + ")")).contains("younger than two years");
        assertThat(jdbc.queryForObject("select count(*) from access_log where seq = ?", Long.class, last)).isOne();
        ChainVerifier.Verification verdict = verifier.verify();
        assertThat(verdict.intact()).as(verdict.problem()).isTrue();
    }

    @Test
    void theRetentionPurgeRemovesOnlyRecordsOlderThanTwoYears() {
        Instant threeYearsAgo = Instant.now().minus(Duration.ofDays(3 * 365));
        accessLog.append(List.of(AccessLogIT.recordStarted(threeYearsAgo), AccessLogIT.recordStarted(threeYearsAgo)));
        checkpoints.checkpoint();
        long old = jdbc.queryForObject("select max(seq) from access_log", Long.class);
        accessLog.append(List.of(AccessLogIT.recordStarted(Instant.now())));

        long purgedUpTo = retention.purgeBefore(Instant.now().minus(Duration.ofDays(2 * 365 + 1)));

        assertThat(purgedUpTo).isEqualTo(old);
        assertThat(jdbc.queryForObject("select count(*) from access_log where seq <= ?", Long.class, old)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from access_log where seq > ?", Long.class, old))
                .isGreaterThanOrEqualTo(2);
        ChainVerifier.Verification verdict = verifier.verify();
        assertThat(verdict.intact()).as(verdict.problem()).isTrue();
    }

    private String refusal(String statement) {
        Throwable refused = catchThrowable(() -> jdbc.execute(statement));
        assertThat(refused).as(statement).isNotNull();
        while (refused.getCause() != null) {
            refused = refused.getCause();
        }
        return refused.getMessage();
    }

    private static void dropRole(Postgres postgres, String schema) {
        try (Connection owner = postgres.connect(schema)) {
            owner.createStatement().execute("drop owned by " + APP_ROLE);
            owner.createStatement().execute("drop role " + APP_ROLE);
        } catch (SQLException e) {
            // The schema's own drop at exit may have come first; a role left behind holds no data.
        }
    }
}
