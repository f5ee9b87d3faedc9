package nl.ketenbus.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.access.AccessAudit;
import nl.ketenbus.query.support.QueryApi;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A change's access record commits with the change ({@link ChangeRecords}): a change that does not commit is
 * logged failed, not made; one that commits is in the log when its answer comes; records a node left pending
 * are chained by the sweep, once however many nodes try; and the chain stays intact.
 */
// The scheduled sweep is kept out of the way: the test sweeps itself.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ketenbus.audit.pending-sweep=1h")
class ChangeRecordsIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.change-records");
    private static final Jwt OFFICER = Jwt.withTokenValue("t").header("alg", "RS256")
            .subject("gemeente-privacy-officer").claim(TokenClaims.ORGANISATION, "gemeente")
            .claim(TokenClaims.ROLES, List.of("privacy-officer")).issuedAt(Instant.now())
            .expiresAt(Instant.now().plusSeconds(3600)).build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AccessAudit audit;

    @Autowired
    ChangeRecords changeRecords;

    @Autowired
    ChainVerifier verifier;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SigningKeys keys;

    @Autowired
    AccessLog accessLog;

    @BeforeAll
    static void changedTable(@Autowired JdbcTemplate jdbc) {
        jdbc.execute("create table if not exists change_records_test (id uuid primary key)");
    }

    @Test
    void aChangeWhoseTransactionDoesNotCommitIsLoggedFailedAndNotAsMade() {
        String action = action();
        UUID changed = UUID.randomUUID();
        double notCommittedBefore = counter("ketenbus.audit.changes.not.committed");

        // The caller's transaction rolls back after the change and its record were written, as a commit that
        // fails does: the record goes with the change.
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            audit.oversightChange(OFFICER, action, youth(), "the test's change", () ->
                    jdbc.update("insert into change_records_test (id) values (?)", changed));
            status.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("select count(*) from change_records_test where id = ?", Long.class, changed))
                .isZero();
        assertThat(jdbc.queryForList("select status || ': ' || detail from access_log where action = ?", String.class,
                action)).containsExactly("error: " + ChangeRecords.ROLLED_BACK + "; the test's change");
        assertThat(pending(action)).isZero();
        assertThat(counter("ketenbus.audit.changes.not.committed") - notCommittedBefore).isEqualTo(1);
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void aCommittedChangeIsInTheLogWhenItsAnswerComesAndARefusedOneIsLoggedDeniedWithNothingPending() {
        String action = action();
        UUID changed = UUID.randomUUID();
        UUID refused = UUID.randomUUID();

        int inserted = audit.oversightChange(OFFICER, action, youth(), "the test's change", () ->
                jdbc.update("insert into change_records_test (id) values (?)", changed));
        assertThatThrownBy(() -> audit.oversightChange(OFFICER, action, youth(), "refused", () -> {
            jdbc.update("insert into change_records_test (id) values (?)", refused);
            throw new Refused(HttpStatus.CONFLICT, "test-refusal", "refused after a write");
        })).isInstanceOf(Refused.class);

        Jwt unbounded = Jwt.withTokenValue("t").header("alg", "RS256").subject("gemeente-privacy-officer")
                .claim(TokenClaims.ORGANISATION, "o".repeat(41)).claim(TokenClaims.ROLES, List.of("privacy-officer"))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        UUID unlogged = UUID.randomUUID();
        assertThatThrownBy(() -> audit.oversightChange(unbounded, action, youth(), "a record the log cannot hold",
                () -> jdbc.update("insert into change_records_test (id) values (?)", unlogged)))
                .as("an organisation longer than the log's column").isInstanceOf(AccessLogUnavailable.class);

        assertThat(inserted).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from change_records_test where id = ?", Long.class, unlogged))
                .as("not made without its record").isZero();
        assertThat(jdbc.queryForList("select id from change_records_test where id in (?, ?)", UUID.class, changed,
                refused)).containsExactly(changed);
        assertThat(jdbc.queryForList("select status from access_log where action = ? order by seq", String.class,
                action)).containsExactly("ok", "denied");
        assertThat(pending(action)).isZero();
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void aChangeThroughTheApiIsLoggedOnceCommittedWithNothingLeftPending() throws Exception {
        String youth = "sr-" + UUID.randomUUID().toString().replace("-", "").repeat(2);
        QueryApi.Response registered = new QueryApi(port).post("/v1/subject-requests",
                QueryApi.token("gemeente", "privacy-officer"), "application/json",
                "{\"subjectRef\":\"" + youth + "\",\"kind\":\"ACCESS\",\"receivedOn\":\"" + LocalDate.now(Covenant.ZONE)
                        + "\"}");

        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        assertThat(jdbc.queryForList("select action || ' ' || status from access_log where subject_ref = ?",
                String.class, youth)).containsExactly("subject.request-registered ok");
        assertThat(jdbc.queryForObject("select count(*) from access_log_pending where record ->> 'subject_ref' = ?",
                Long.class, youth)).isZero();
    }

    @Test
    void recordsANodeLeftPendingAreChainedOnceHoweverManyTryAndAForgedOneNever() throws Exception {
        String action = action();
        UUID first = leftPending(action, "first", true);
        UUID second = leftPending(action, "second", true);
        UUID forged = leftPending(action, "written without the key", false);
        double sweptBefore = counter("ketenbus.audit.pending.swept");
        double refusedBefore = counter("ketenbus.audit.pending.refused");

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> chained = nodes.invokeAll(List.of(() -> {
                together.await(10, TimeUnit.SECONDS);
                return changeRecords.chain(List.of(first));
            }, () -> {
                together.await(10, TimeUnit.SECONDS);
                return changeRecords.chain(List.of(first));
            }), 30, TimeUnit.SECONDS);
            assertThat(chained.get(0).get() + chained.get(1).get()).isEqualTo(1);
        } finally {
            nodes.shutdownNow();
        }
        changeRecords.sweep();
        changeRecords.sweep();

        assertThat(jdbc.queryForList("select detail from access_log where action = ? order by seq", String.class,
                action)).containsExactly("first", "second");
        assertThat(jdbc.queryForList("select nonce from access_log_pending where nonce in (?, ?, ?)", UUID.class,
                first, second, forged)).containsExactly(forged);
        assertThat(jdbc.queryForObject("select refused_at is not null from access_log_pending where nonce = ?",
                Boolean.class, forged)).as("marked, and left out of every later sweep").isTrue();
        assertThat(counter("ketenbus.audit.pending.swept") - sweptBefore).isEqualTo(1);
        assertThat(counter("ketenbus.audit.pending.refused") - refusedBefore).isEqualTo(1);
        assertThat(verifier.verify().intact()).isTrue();
    }

    /**
     * A node started with another key file than the log was written with (ADR 0031) refuses changes before they
     * run and leaves the pending records alone: it would find every HMAC wrong and mark good records refused.
     */
    @Test
    void aNodeWithAnotherKeyFileLeavesPendingRecordsToTheOthers(@TempDir Path directory) throws Exception {
        String action = action();
        // The log's last record is one this node's key wrote.
        assertThat(changeRecords.chain(List.of(leftPending(action, "first", true)))).isEqualTo(1);
        UUID left = leftPending(action, "left for a node with the key", true);
        SigningKeys otherKeys = new SigningKeys(directory.resolve("other-keys").toString(), List.of());
        MeterRegistry otherMeters = new SimpleMeterRegistry();
        ChangeRecords otherNode = new ChangeRecords(jdbc, accessLog, new ChainKeyCheck(jdbc, otherKeys), otherKeys,
                transactions, otherMeters, Duration.ofMinutes(1));

        assertThatThrownBy(otherNode::requireWritable).isInstanceOf(AccessLogUnavailable.class);
        assertThat(otherNode.chain(List.of(left))).isZero();
        otherNode.sweep();

        assertThat(jdbc.queryForObject("select refused_at is null from access_log_pending where nonce = ?",
                Boolean.class, left)).as("neither chained nor marked refused").isTrue();
        assertThat(otherMeters.get("ketenbus.audit.pending.refused").counter().count()).isZero();
        assertThat(changeRecords.chain(List.of(left))).isEqualTo(1);
        assertThat(jdbc.queryForList("select detail from access_log where action = ? order by seq", String.class,
                action)).containsExactly("first", "left for a node with the key");
        assertThat(verifier.verify().intact()).isTrue();
    }

    /**
     * A change's record as its node left it pending, committed long enough ago for the sweep; with the chain key's
     * HMAC, or forged by someone who can write the table but not read the key.
     */
    private UUID leftPending(String action, String detail, boolean withTheKey) {
        AccessRecord record = new AccessRecord("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", action,
                Instant.now(), Instant.now(), AccessRecord.Status.OK, null, youth(), "gemeente-privacy-officer",
                "gemeente", "PRIVACY_OFFICER", AccessAudit.OVERSIGHT, List.of(), null, null, List.of(), false,
                List.of(), 0, detail);
        UUID nonce = UUID.randomUUID();
        String mac = withTheKey ? keys.chainHash().of(-1, "pending:" + nonce, record) : "f".repeat(64);
        String json = AppendedRecords.json(List.of(new AppendedRecords.Row(0, null, null, record)));
        jdbc.update("insert into access_log_pending (nonce, mac, created_at, record) values (?, ?, ?, "
                + "(?::jsonb) -> 0)", nonce, mac, Timestamp.from(Instant.now().minus(Duration.ofMinutes(10))), json);
        return nonce;
    }

    private long pending(String action) {
        return jdbc.queryForObject("select count(*) from access_log_pending where record ->> 'action' = ?",
                Long.class, action);
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }

    private static String action() {
        return "test.change-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String youth() {
        return "audit-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
