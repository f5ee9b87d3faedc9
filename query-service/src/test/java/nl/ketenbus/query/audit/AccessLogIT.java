package nl.ketenbus.query.audit;

import static nl.ketenbus.query.support.BackboneRecords.caseOpened;
import static nl.ketenbus.query.support.BackboneRecords.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.access.AccessAudit;
import nl.ketenbus.query.support.BackboneRecords;
import nl.ketenbus.query.support.QueryApi.Response;
import nl.ketenbus.query.support.QueryApi;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import nl.ketenbus.security.TokenClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access log against the real service: complete records per youth before data leaves, denied
 * and failed reads, fail-closed, tamper detection, concurrent readers, break-glass, retention and
 * the access report.
 */
// A thousand reads of one partner in a few seconds is this test's load, not a partner's: the
// per-partner request rate (tested in SlowClientsIT) is lifted here.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ketenbus.http.partner-rate=100000", "ketenbus.http.partner-burst=100000"})
class AccessLogIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.audit");
    private static final OffsetDateTime MARCH = OffsetDateTime.parse("2026-03-14T10:00:00+01:00");
    private static final String POLICE = QueryApi.token("politie", "professional");
    private static final String LEERPLICHT = QueryApi.token("leerplicht", "professional");
    private static final String YOUTH_CARE = QueryApi.token("jeugdhulp", "professional");
    private static final String PRIVACY_OFFICER = QueryApi.token("gemeente", "privacy-officer");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BackboneRecords records;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @BeforeAll
    static void producer() {
        records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC);
    }

    @AfterAll
    static void closeProducer() {
        records.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChainVerifier verifier;

    @Autowired
    Checkpoints checkpoints;

    @Autowired
    AccessLogRetention retention;

    @Autowired
    CheckpointExport export;

    @Autowired
    AccessAudit audit;

    @Autowired
    AccessLog accessLog;

    @Autowired
    SigningKeys keys;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    MeterRegistry meters;

    @Test
    void aReadTouchingThreeYouthsWritesThreeCompleteRecordsBeforeAnswering() throws Exception {
        List<String> youths = List.of(youth(), youth(), youth());
        youths.forEach(youth -> records.send(signalRaised(youth, "leerplicht", MARCH)));
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String path = "/v1/timelines?purpose=signaaloverleg&subject=" + String.join("&subject=", youths);
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get(path, POLICE).body().findValues("totalEntries")
                .stream().allMatch(total -> total.asInt() == 1));

        Response answer = api().getWith(path, POLICE, "traceparent", "00-" + trace + "-00f067aa0ba902b7-01");

        assertThat(answer.status()).isEqualTo(200);
        List<Map<String, Object>> logged = jdbc.queryForList("select * from access_log where trace_id = ? order by seq",
                trace);
        assertThat(logged).hasSize(3);
        assertThat(logged).extracting(row -> row.get("subject_ref")).containsExactlyInAnyOrderElementsOf(youths);
        for (Map<String, Object> row : logged) {
            assertThat(row.get("action")).isEqualTo("timeline.read-several");
            assertThat(row.get("status")).isEqualTo("ok");
            assertThat((String) row.get("span_id")).hasSize(16).isNotEqualTo("00f067aa0ba902b7");
            assertThat(row.get("subject_ref_type")).isEqualTo("pseudonym");
            assertThat(row.get("user_id")).isEqualTo("politie-professional");
            assertThat(row.get("organisation")).isEqualTo("politie");
            assertThat(row.get("user_role")).isEqualTo("PROFESSIONAL");
            assertThat(row.get("purpose")).isEqualTo("signaaloverleg");
            assertThat(row.get("processing_activity")).isEqualTo("VWA-OOV-01");
            assertThat(row.get("covenant_id")).isEqualTo("criminele-aanwas-haarlemmermeer");
            assertThat(row.get("covenant_version")).isEqualTo(1);
            assertThat(row.get("rule_ids").toString()).isEqualTo("{SIG-01}");
            assertThat(row.get("categories_shown").toString()).isEqualTo("{SIGNAL}");
            assertThat(row.get("entries_shown")).isEqualTo(1);
            assertThat(row.get("break_glass")).isEqualTo(false);
            assertThat(((Timestamp) row.get("ended_at")).toInstant())
                    .isAfterOrEqualTo(((Timestamp) row.get("started_at")).toInstant());
        }
    }

    @Test
    void aRestrictedYouthLeftOutOfAReadOfSeveralIsLoggedAsRefused() throws Exception {
        String readable = youth();
        String restricted = youth();
        records.send(signalRaised(readable, "leerplicht", MARCH));
        records.send(signalRaised(restricted, "leerplicht", MARCH));
        String path = "/v1/timelines?purpose=signaaloverleg&subject=" + readable + "&subject=" + restricted;
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get(path, POLICE).body().findValues("totalEntries")
                .stream().filter(total -> total.asInt() == 1).count() == 2);
        jdbc.update("insert into processing_restriction (id, subject_ref, ground, restricted_by, restricted_at) "
                + "values (?, ?, 'OBJECTION_PENDING', 'privacy-officer-1', now())", java.util.UUID.randomUUID(),
                restricted);
        String trace = "5bf92f3577b34da6a3ce929d0e0e4737";

        Response answer = api().getWith(path, POLICE, "traceparent", "00-" + trace + "-00f067aa0ba902b7-01");

        assertThat(answer.body().findValuesAsText("subjectRef")).containsOnly(readable);
        assertThat(jdbc.queryForList("select subject_ref || ' ' || status || ' ' || coalesce(detail, '-') "
                + "from access_log where trace_id = ? order by subject_ref", String.class, trace))
                .containsExactlyInAnyOrder(readable + " ok -", restricted + " denied processing-restricted");
    }

    @Test
    void anUnauthorisedReadWritesADeniedRecord() throws Exception {
        String youth = youth();
        Response refused = api().get("/v1/subjects/" + youth + "/timeline?purpose=zvh-escalatie", POLICE);

        assertThat(refused.status()).isEqualTo(403);
        Map<String, Object> row = jdbc.queryForMap("select * from access_log where subject_ref = ?", youth);
        assertThat(row.get("status")).isEqualTo("denied");
        assertThat(row.get("detail")).isEqualTo("purpose-not-allowed");
        assertThat(row.get("user_id")).isEqualTo("politie-professional");
        assertThat(row.get("purpose")).isEqualTo("zvh-escalatie");
    }

    @Test
    void aRefusedReadsRoleAndPurposeAreLoggedOnlyAsARolesAndAPurposesName() throws Exception {
        String youth = youth();
        // The casework reads take any purpose; a BSN or a name typed there must not reach the log (kept for
        // years, never rewritten).
        Response bsnAsPurpose = api().get("/v1/subjects/" + youth + "/case?purpose=123456782", POLICE);
        Response nameAsRole = api().get("/v1/subjects/" + youth + "/case?purpose=signaaloverleg&role=Jan%20de%20Vries",
                POLICE);
        Response otherRole = api().get("/v1/subjects/" + youth + "/case?purpose=signaaloverleg&role=casusregisseur",
                POLICE);
        Response nameAsPurpose = api().get("/v1/subjects/" + youth + "/case?purpose=de-vries", POLICE);

        assertThat(List.of(bsnAsPurpose.status(), nameAsRole.status(), otherRole.status(), nameAsPurpose.status()))
                .containsExactly(403, 403, 403, 403);
        assertThat(jdbc.queryForList("select purpose || ' / ' || user_role || ' / ' || status from access_log "
                + "where subject_ref = ? order by seq", String.class, youth)).satisfiesExactly(
                    first -> assertThat(first).startsWith("(not a purpose) / ").endsWith(" / denied"),
                    second -> assertThat(second).isEqualTo("signaaloverleg / (not a role) / denied"),
                    third -> assertThat(third).isEqualTo("signaaloverleg / CASUSREGISSEUR / denied"),
                    fourth -> assertThat(fourth).startsWith("(not a purpose) / "));
        assertThat(jdbc.queryForObject("select count(*) from access_log where subject_ref = ? and (purpose like "
                + "'%123456782%' or user_role like '%Vries%' or purpose like '%vries%')", Long.class, youth)).isZero();
    }

    @Test
    void anAnswerOfMoreRecordsThanItsBoundIsRefusedNotGiven() throws Exception {
        String youth = youth();
        api().get("/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg", POLICE);
        api().get("/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg", POLICE);
        Instant from = Instant.EPOCH;
        Instant to = Instant.now().plusSeconds(1);

        assertThat(new AccessLogQueries(jdbc, 2).bySubject(youth, null, from, to)).hasSize(2);
        assertThat(new AccessLogQueries(jdbc, 1).bySubject(youth, from, to)).as("what the youth is owed: whole")
                .hasSize(2);
        assertThatThrownBy(() -> new AccessLogQueries(jdbc, 1).bySubject(youth, null, from, to))
                .isInstanceOfSatisfying(nl.ketenbus.security.Refused.class, refused -> {
                    assertThat(refused.problem()).isEqualTo("too-many-records");
                    assertThat(refused.getMessage()).contains("more than 1 access records");
                });
    }

    @Test
    void aReadWithoutResultIsLoggedAsSuch() throws Exception {
        String youth = youth();
        Response empty = api().get("/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg", POLICE);

        assertThat(empty.body().get("totalEntries").asInt()).isZero();
        Map<String, Object> row = jdbc.queryForMap("select * from access_log where subject_ref = ?", youth);
        assertThat(row.get("status")).isEqualTo("ok");
        assertThat(row.get("entries_shown")).isEqualTo(0);
        assertThat(row.get("detail")).isEqualTo("no-result");
    }

    @Test
    void withTheLogUnwritableTheReadAnswers503AndNoData() throws Exception {
        String youth = youth();
        String path = "/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg";
        publishSignalSeenBy(youth, "politie", path, LEERPLICHT);

        jdbc.execute("alter table access_log rename to access_log_unwritable");
        Response refused;
        try {
            refused = api().get(path, LEERPLICHT);
        } finally {
            jdbc.execute("alter table access_log_unwritable rename to access_log");
        }

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:access-log-unavailable");
        assertThat(refused.body().has("entries")).isFalse();
        assertThat(refused.body().toString()).doesNotContain("MULTIPLE_PHONES");
    }

    @Test
    void theVerifierNamesTheRecordThatWasAlteredInsertedOrDeleted() throws Exception {
        for (int i = 0; i < 5; i++) {
            api().get("/v1/subjects/" + youth() + "/timeline?purpose=signaaloverleg", POLICE);
        }
        assertThat(verifier.verify().intact()).isTrue();
        long victim = jdbc.queryForObject("select max(seq) - 2 from access_log", Long.class);
        jdbc.execute("alter table access_log disable trigger access_log_append_only");
        try {
            String organisation = jdbc.queryForObject("select organisation from access_log where seq = ?", String.class,
                    victim);
            jdbc.update("update access_log set organisation = 'om' where seq = ?", victim);
            assertThat(verifier.verify()).satisfies(verdict -> {
                assertThat(verdict.intact()).isFalse();
                assertThat(verdict.firstInvalidSeq()).isEqualTo(victim);
                assertThat(verdict.problem()).contains("altered");
            });
            jdbc.update("update access_log set organisation = ? where seq = ?", organisation, victim);
            assertThat(verifier.verify().intact()).isTrue();

            jdbc.execute("create table kept as select * from access_log where seq = " + victim);
            jdbc.update("delete from access_log where seq = ?", victim);
            assertThat(verifier.verify()).satisfies(verdict -> {
                assertThat(verdict.firstInvalidSeq()).isEqualTo(victim);
                assertThat(verdict.problem()).contains("missing");
            });
            jdbc.execute("insert into access_log select * from kept");
            jdbc.execute("drop table kept");
            assertThat(verifier.verify().intact()).isTrue();

            // An inserted record, chained to its predecessor but without the service's chain key.
            long inserted = jdbc.queryForObject("select max(seq) + 1 from access_log", Long.class);
            jdbc.update("insert into access_log select ?, trace_id, span_id, action, started_at, ended_at, status, "
                    + "processing_activity, subject_ref, subject_ref_type, 'intruder', organisation, user_role, purpose, "
                    + "case_ids, covenant_id, covenant_version, rule_ids, break_glass, categories_shown, entries_shown, "
                    + "detail, hash, encode(sha256(convert_to(hash, 'UTF8')), 'hex') from access_log where seq = ?",
                    inserted, inserted - 1);
            jdbc.update("update access_log_head set seq = ?, hash = (select hash from access_log where seq = ?)",
                    inserted, inserted);
            assertThat(verifier.verify()).satisfies(verdict -> {
                assertThat(verdict.firstInvalidSeq()).isEqualTo(inserted);
                assertThat(verdict.problem()).contains("altered");
            });
            jdbc.update("delete from access_log where seq = ?", inserted);
            jdbc.update("update access_log_head set seq = ?, hash = (select hash from access_log where seq = ?)",
                    inserted - 1, inserted - 1);
        } finally {
            jdbc.execute("alter table access_log enable trigger access_log_append_only");
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void signedCheckpointsCatchACutOffEndAndAForgedSignature() throws Exception {
        for (int i = 0; i < 3; i++) {
            api().get("/v1/subjects/" + youth() + "/timeline?purpose=signaaloverleg", POLICE);
        }
        checkpoints.checkpoint();
        long last = jdbc.queryForObject("select max(seq) from access_log", Long.class);
        assertThat(jdbc.queryForObject("select count(*) from access_log_checkpoint where seq = ?", Long.class, last))
                .isEqualTo(1);
        assertThat(verifier.verify().checkpointsChecked()).isPositive();

        jdbc.execute("alter table access_log disable trigger access_log_append_only");
        try {
            jdbc.execute("create table kept_end as select * from access_log where seq = " + last);
            jdbc.update("delete from access_log where seq = ?", last);
            jdbc.update("update access_log_head set seq = ?, hash = (select hash from access_log where seq = ?)",
                    last - 1, last - 1);
            assertThat(verifier.verify()).satisfies(verdict -> {
                assertThat(verdict.intact()).isFalse();
                assertThat(verdict.firstInvalidSeq()).isEqualTo(last);
                assertThat(verdict.problem()).contains("signed checkpoint");
            });
            jdbc.execute("insert into access_log select * from kept_end");
            jdbc.execute("drop table kept_end");
            jdbc.update("update access_log_head set seq = ?, hash = (select hash from access_log where seq = ?)",
                    last, last);
        } finally {
            jdbc.execute("alter table access_log enable trigger access_log_append_only");
        }
        assertThat(forgedSignatureOf(last).problem()).contains("not signed by a trusted key");
        assertThat(verifier.verify().intact()).isTrue();
    }

    /**
     * A node checks a checkpoint's signature once: later verifications skip the ones it already
     * checked while they are unchanged (VerifiedCheckpoints). A forged signature among them, a forged
     * checkpoint slipped in between them, or a bad one after them is caught all the same.
     */
    @Test
    void checkpointsVerifiedBeforeAreCheckedAgainWhenTheyChange() throws Exception {
        for (int round = 0; round < 2; round++) {
            api().get("/v1/subjects/" + youth() + "/timeline?purpose=signaaloverleg", POLICE);
            checkpoints.checkpoint();
        }
        assertThat(verifier.verify().intact()).isTrue();
        long first = jdbc.queryForObject("select min(seq) from access_log_checkpoint", Long.class);
        assertThat(forgedSignatureOf(first)).satisfies(verdict -> {
            assertThat(verdict.intact()).isFalse();
            assertThat(verdict.firstInvalidSeq()).isEqualTo(first);
            assertThat(verdict.problem()).isEqualTo("the checkpoint at record " + first
                    + " is not signed by a trusted key");
        });

        jdbc.update("insert into access_log_checkpoint (seq, hash, signed_at, key_id, signature) select seq, hash, "
                + "signed_at - interval '1 second', key_id, ? from access_log_checkpoint where seq = ? "
                + "order by signed_at limit 1", "A".repeat(86) + "==", first);
        try {
            assertThat(verifier.verify().firstInvalidSeq()).as("a forged checkpoint among those checked")
                    .isEqualTo(first);
        } finally {
            withCheckpointsChangeable(() -> jdbc.update("delete from access_log_checkpoint where seq = ? and "
                    + "signature = ?", first, "A".repeat(86) + "=="));
        }
        assertThat(verifier.verify().intact()).isTrue();

        api().get("/v1/subjects/" + youth() + "/timeline?purpose=signaaloverleg", POLICE);
        checkpoints.checkpoint();
        long newest = jdbc.queryForObject("select max(seq) from access_log_checkpoint", Long.class);
        assertThat(forgedSignatureOf(newest).firstInvalidSeq()).as("a checkpoint after those checked")
                .isEqualTo(newest);
        assertThat(verifier.verify().intact()).isTrue();
    }

    /** The verdict while the oldest checkpoint at {@code seq} carries a forged signature (restored after). */
    private ChainVerifier.Verification forgedSignatureOf(long seq) {
        String signature = jdbc.queryForObject("select signature from access_log_checkpoint where seq = ? "
                + "order by signed_at limit 1", String.class, seq);
        String forged = signature.substring(0, 10) + (signature.charAt(10) == 'A' ? 'B' : 'A')
                + signature.substring(11);
        withCheckpointsChangeable(() -> jdbc.update("update access_log_checkpoint set signature = ? where seq = ? "
                + "and signature = ?", forged, seq, signature));
        try {
            return verifier.verify();
        } finally {
            withCheckpointsChangeable(() -> jdbc.update("update access_log_checkpoint set signature = ? where seq = ? "
                    + "and signature = ?", signature, seq, forged));
        }
    }

    private void withCheckpointsChangeable(Runnable change) {
        jdbc.execute("alter table access_log_checkpoint disable trigger access_log_checkpoint_kept");
        try {
            change.run();
        } finally {
            jdbc.execute("alter table access_log_checkpoint enable trigger access_log_checkpoint_kept");
        }
    }

    /**
     * The attack found in issue 18: the purge's old session switch let any writer delete the last
     * records and set the head back. The database now refuses it whatever the session says; with
     * the owner's rights (triggers disabled, the checkpoints after the cut deleted too) the head's
     * signature, this node's memory and the checkpoint exported to Kafka each find the cut, the
     * last even after a restart.
     */
    @Test
    void cuttingTheEndOffIsRefusedAndWithTheOwnersRightsCaughtThreeWays() throws Exception {
        for (int i = 0; i < 3; i++) {
            api().get("/v1/subjects/" + youth() + "/timeline?purpose=signaaloverleg", POLICE);
        }
        Map<String, Object> earlierHead = jdbc.queryForMap("select seq, hash, key_id, signature from access_log_head");
        long cutTo = ((Number) earlierHead.get("seq")).longValue();
        for (int i = 0; i < 3; i++) {
            api().get("/v1/subjects/" + youth() + "/timeline?purpose=signaaloverleg", POLICE);
        }
        checkpoints.checkpoint();
        long last = jdbc.queryForObject("select seq from access_log_head", Long.class);
        String cut = "delete from access_log where seq > " + cutTo;
        String setBack = "update access_log_head set seq = ?, hash = ?, key_id = ?, signature = ?";

        assertThat(catchThrowable(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.execute("set local ketenbus.audit_purge = 'on'");
            jdbc.execute(cut);
        }))).hasMessageContaining("append-only");
        assertThat(catchThrowable(() -> jdbc.execute("truncate access_log"))).hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("select max(seq) from access_log", Long.class)).isEqualTo(last);

        jdbc.execute("create table kept_tail as select * from access_log where seq > " + cutTo);
        jdbc.execute("create table kept_checkpoints as select * from access_log_checkpoint where seq > " + cutTo);
        jdbc.execute("alter table access_log disable trigger access_log_append_only");
        jdbc.execute("alter table access_log_checkpoint disable trigger access_log_checkpoint_kept");
        try {
            jdbc.execute(cut);
            jdbc.execute("delete from access_log_checkpoint where seq > " + cutTo);
            jdbc.update("update access_log_head set seq = ?, hash = ?", cutTo, earlierHead.get("hash"));
            assertThat(verifier.verify().problem()).contains("chain head at record " + cutTo + " is not signed");
            checkpoints.checkpoint();
            assertThat(jdbc.queryForObject("select count(*) from access_log_checkpoint where seq = ?", Long.class,
                    cutTo)).as("no checkpoint signs a forged head").isZero();

            jdbc.update(setBack, cutTo, earlierHead.get("hash"), earlierHead.get("key_id"),
                    earlierHead.get("signature"));
            assertThat(verifier.verify().problem()).isEqualTo("this node wrote records up to " + last
                    + ", the log ends at " + cutTo);
            ChainVerifier afterARestart = new ChainVerifier(jdbc, transactions, keys, new ChainVerifier.Outside() {
                @Override
                public long highestWritten() {
                    return 0;
                }

                @Override
                public Optional<CheckpointExport.Exported> newestExported() {
                    return export.newest();
                }
            });
            assertThat(afterARestart.verify()).satisfies(verdict -> {
                assertThat(verdict.intact()).isFalse();
                assertThat(verdict.firstInvalidSeq()).isEqualTo(cutTo + 1);
                assertThat(verdict.problem()).isEqualTo("a checkpoint exported out of the database vouches for "
                        + "record " + last + " but the log ends at " + cutTo);
            });
        } finally {
            jdbc.execute("insert into access_log select * from kept_tail on conflict do nothing");
            jdbc.execute("insert into access_log_checkpoint select * from kept_checkpoints on conflict do nothing");
            jdbc.execute("drop table kept_tail");
            jdbc.execute("drop table kept_checkpoints");
            jdbc.execute("alter table access_log_checkpoint enable trigger access_log_checkpoint_kept");
            Map<String, Object> head = jdbc.queryForMap("select seq, hash from access_log where seq = "
                    + "(select max(seq) from access_log)");
            long seq = ((Number) head.get("seq")).longValue();
            String hash = (String) head.get("hash");
            jdbc.update(setBack, seq, hash, keys.keyId(), keys.sign(AccessLog.headContent(seq, hash)));
            jdbc.execute("alter table access_log enable trigger access_log_append_only");
        }
        ChainVerifier.Verification restored = verifier.verify();
        assertThat(restored.intact()).as(restored.problem()).isTrue();
        assertThat(restored.outside()).startsWith("reaches the newest exported checkpoint, record " + last);
    }

    @Test
    void aThousandConcurrentReadsLeaveOneIntactChain() throws Exception {
        long before = jdbc.queryForObject("select count(*) from access_log", Long.class);
        ExecutorService readers = Executors.newFixedThreadPool(16);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            answers.add(readers.submit(() -> api().get("/v1/subjects/" + youth() + "/timeline?purpose=signaaloverleg",
                    POLICE).status()));
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isEqualTo(200);
        }
        readers.shutdown();

        assertThat(jdbc.queryForObject("select count(*) from access_log", Long.class)).isEqualTo(before + 1_000);
        ChainVerifier.Verification verdict = verifier.verify();
        assertThat(verdict.intact()).as(verdict.problem()).isTrue();
        assertThat(verdict.recordsChecked()).isGreaterThanOrEqualTo(before + 1_000);
    }

    /**
     * Two nodes appending in turn: each finds the head moved by the other, learns it from the append
     * function's answer and appends in its second round trip; a node's first commit locks the head in
     * a transaction of its own. Every field, the empty and null ones too, is stored as the chain's hash
     * covered it, so the chain verifies.
     */
    @Test
    void twoNodesAppendingInTurnLeaveOneIntactChainAndLockOnlyForTheirFirstCommit() {
        accessLog.append(List.of(recordStarted(Instant.now())));
        SimpleMeterRegistry otherMeters = new SimpleMeterRegistry();
        AccessLog otherNode = new AccessLog(jdbc, keys, new ChainKeyCheck(jdbc, keys), transactions, otherMeters,
                false, Duration.ofSeconds(2));
        long before = jdbc.queryForObject("select count(*) from access_log", Long.class);
        double oneRoundTrip = commits(meters, "one-round-trip");
        double locked = commits(meters, "locked");
        Instant at = Instant.parse("2026-12-05T12:00:00.123456Z");
        AccessRecord everyField = new AccessRecord("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                "timeline.read", at, at.plusMillis(3), AccessRecord.Status.OK, "VWA-OOV-01", "sr-two-nodes",
                "politie-professional", "politie", "PROFESSIONAL", "signaaloverleg", List.of("case-1", "case-2"),
                "criminele-aanwas-haarlemmermeer", 3, List.of("SIG-01", "SIG-02"), true, List.of("SIGNAL", "CASE"),
                2, "a detail, with \"quotes\"", List.of("4bf92f3577b34da6a3ce929d0e0e4736"));
        AccessRecord fewFields = new AccessRecord("0af7651916cd43dd8448eb211c80319d", "b7ad6b7169203332",
                "audit.read", at, at, AccessRecord.Status.DENIED, null, null, "someone", null, null, null, List.of(),
                null, null, List.of(), false, List.of(), 0, null);
        try {
            for (int i = 0; i < 5; i++) {
                otherNode.append(List.of(everyField, fewFields));
                accessLog.append(List.of(i % 2 == 0 ? everyField : fewFields));
            }
        } finally {
            otherNode.stop();
        }

        assertThat(jdbc.queryForObject("select count(*) from access_log", Long.class)).isEqualTo(before + 15);
        ChainVerifier.Verification verdict = verifier.verify();
        assertThat(verdict.intact()).as(verdict.problem()).isTrue();
        assertThat(commits(otherMeters, "locked")).as("the other node's first commit").isEqualTo(1);
        assertThat(commits(otherMeters, "one-round-trip")).isEqualTo(4);
        assertThat(commits(meters, "one-round-trip") - oneRoundTrip).isEqualTo(5);
        assertThat(commits(meters, "locked") - locked).isZero();
        assertThat(jdbc.queryForMap("select case_ids, covenant_version, detail, fact_trace_ids::text, started_at, "
                + "ended_at, status, subject_ref_type from access_log where subject_ref = 'sr-two-nodes' "
                + "order by seq desc limit 1")).satisfies(row -> {
                    assertThat(row.get("covenant_version")).isEqualTo(3);
                    assertThat(row.get("detail")).isEqualTo("a detail, with \"quotes\"");
                    assertThat(row.get("fact_trace_ids")).isEqualTo("{4bf92f3577b34da6a3ce929d0e0e4736}");
                    assertThat(((Timestamp) row.get("started_at")).toInstant()).isEqualTo(at);
                    assertThat(row.get("status")).isEqualTo("ok");
                    assertThat(row.get("subject_ref_type")).isEqualTo(AccessRecord.SUBJECT_TYPE);
                });
    }

    /**
     * Two nodes whose readers append at the same time: whichever way each commit goes (one round trip,
     * a second try, or the locked transaction), the chain is one, with every record once.
     */
    @Test
    void twoNodesAppendingAtTheSameTimeLeaveOneIntactChain() throws Exception {
        SimpleMeterRegistry otherMeters = new SimpleMeterRegistry();
        AccessLog otherNode = new AccessLog(jdbc, keys, new ChainKeyCheck(jdbc, keys), transactions, otherMeters,
                false, Duration.ofSeconds(2));
        long before = jdbc.queryForObject("select count(*) from access_log", Long.class);
        ExecutorService readers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> appends = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                AccessLog node = i % 2 == 0 ? accessLog : otherNode;
                appends.add(readers.submit(() -> node.append(List.of(recordStarted(Instant.now())))));
            }
            for (Future<?> append : appends) {
                append.get();
            }
        } finally {
            readers.shutdown();
            otherNode.stop();
        }

        assertThat(jdbc.queryForObject("select count(*) from access_log", Long.class)).isEqualTo(before + 400);
        ChainVerifier.Verification verdict = verifier.verify();
        assertThat(verdict.intact()).as(verdict.problem()).isTrue();
        assertThat(commits(otherMeters, "one-round-trip") + commits(otherMeters, "locked")).isBetween(1.0, 200.0);
    }

    private static double commits(MeterRegistry registry, String way) {
        return registry.get("ketenbus.audit.commits").tag("way", way).counter().count();
    }

    @Test
    void aReadWhoseRecordCannotBeMadeShowsNothingAndIsLoggedAsFailed() {
        Jwt officer = Jwt.withTokenValue("t").header("alg", "RS256").subject("gemeente-privacy-officer")
                .claim(TokenClaims.ORGANISATION, "gemeente").claim(TokenClaims.ROLES, List.of("privacy-officer"))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        String action = "audit.test-record-fails-" + UUID.randomUUID().toString().substring(0, 8);

        assertThatThrownBy(() -> audit.oversight(officer, action, List.of(), () -> "read",
                result -> {
                    throw new IllegalStateException("the record cannot be made");
                }, result -> null)).isInstanceOf(IllegalStateException.class);

        assertThat(jdbc.queryForList("select status from access_log where action = ?", String.class, action))
                .containsExactly("error");
    }

    @Test
    void whoeverBrokeTheGlassDoesNotReviewIt() throws Exception {
        String youth = youth();
        records.send(caseOpened(youth, MARCH));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from timeline_entry where subject_ref = ?", Long.class, youth) == 1);
        String both = DevTokens.forTests().mint("jeugdhulp", "jeugdhulp-both-roles",
                List.of("professional", "privacy-officer"), Duration.ofHours(1));
        Response opened = api().post("/v1/subjects/" + youth + "/break-glass", both,
                "application/json", "{\"purpose\":\"pga-casusregie\",\"role\":\"professional\",\"reason\":\"Acute safety concern reported "
                        + "by the school this morning\"}");
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
        String id = findGrant(api().get("/v1/audit/break-glass", PRIVACY_OFFICER).body(), youth).get("id").asText();

        Response own = api().post("/v1/audit/break-glass/" + id + "/review", both, "application/json",
                "{\"note\":\"My own use: justified.\"}");

        assertThat(own.status()).isEqualTo(403);
        assertThat(own.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:four-eyes");
        assertThat(findGrant(api().get("/v1/audit/break-glass", PRIVACY_OFFICER).body(), youth)).isNotNull();
        assertThat(api().post("/v1/audit/break-glass/" + id + "/review", PRIVACY_OFFICER, "application/json",
                "{\"note\":\"Checked with the team lead: justified.\"}").status()).isEqualTo(200);
        assertThat(breakGlassReviewer(youth)).isEqualTo("gemeente-privacy-officer");
    }

    private String breakGlassReviewer(String youth) {
        return jdbc.queryForObject("select reviewed_by from break_glass where subject_ref = ?", String.class, youth);
    }

    @Test
    void breakGlassOpensBeyondNeedToKnowOnlyWithAReasonAndIsReviewed() throws Exception {
        String youth = youth();
        records.send(caseOpened(youth, MARCH));
        String timeline = "/v1/subjects/" + youth + "/timeline?purpose=pga-casusregie";
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from timeline_entry where subject_ref = ?", Long.class, youth) == 1);
        assertThat(api().get(timeline, YOUTH_CARE).body().get("totalEntries").asInt()).isZero();
        assertThat(api().get(timeline + "&breakGlass=true", YOUTH_CARE).status()).isEqualTo(403);

        Response noReason = api().post("/v1/subjects/" + youth + "/break-glass", YOUTH_CARE, "application/json",
                "{\"purpose\":\"pga-casusregie\",\"reason\":\"urgent\"}");
        assertThat(noReason.status()).isEqualTo(400);
        Response opened = api().post("/v1/subjects/" + youth + "/break-glass", YOUTH_CARE, "application/json",
                "{\"purpose\":\"pga-casusregie\",\"reason\":\"Acute safety concern reported by the family tonight\"}");
        assertThat(opened.status()).isEqualTo(201);

        JsonNode beyond = api().get(timeline + "&breakGlass=true", YOUTH_CARE).body();
        assertThat(beyond.get("totalEntries").asInt()).isEqualTo(1);
        assertThat(beyond.get("entries").get(0).get("rule").asText()).isEqualTo("PGA-02");
        Map<String, Object> flagged = jdbc.queryForMap("select * from access_log where subject_ref = ? "
                + "and action = 'timeline.read-break-glass' and status = 'ok'", youth);
        assertThat(flagged.get("break_glass")).isEqualTo(true);
        assertThat(flagged.get("entries_shown")).isEqualTo(1);

        JsonNode open = api().get("/v1/audit/break-glass", PRIVACY_OFFICER).body();
        String id = findGrant(open, youth).get("id").asText();
        assertThat(api().post("/v1/audit/break-glass/" + id + "/review", PRIVACY_OFFICER, "application/json",
                "{\"note\":\"Checked with the team lead: justified.\"}").status()).isEqualTo(200);
        assertThat(findGrant(api().get("/v1/audit/break-glass", PRIVACY_OFFICER).body(), youth)).isNull();
        JsonNode reviewed = findGrant(api().get("/v1/audit/break-glass?reviewed=true", PRIVACY_OFFICER).body(),
                youth);
        assertThat(reviewed.get("reviewNote").asText()).startsWith("Checked");
        assertThat(reviewed.get("reason").asText()).startsWith("Acute safety concern");
        // Who read the grant's reason and who reviewed it shows in the youth's own access records.
        assertThat(jdbc.queryForList("select action || ' ' || coalesce(detail, '-') from access_log "
                + "where subject_ref = ? and action like 'audit.break-glass%' order by seq", String.class, youth))
                .contains("audit.break-glass-list to review break-glass grants listed",
                        "audit.break-glass-review grant " + id,
                        "audit.break-glass-list reviewed break-glass grants listed");
        // Free text about a youth is kept sealed: neither text is in the table in clear.
        Map<String, Object> stored = jdbc.queryForMap("select reason, review_note, "
                + "reason_sealed::text as reason_sealed, review_note_sealed::text as note_sealed from break_glass "
                + "where subject_ref = ?", youth);
        assertThat(stored.get("reason")).isNull();
        assertThat(stored.get("review_note")).isNull();
        assertThat(stored.get("reason_sealed").toString()).contains("AES-256-GCM").doesNotContain("Acute");
        assertThat(stored.get("note_sealed").toString()).contains("AES-256-GCM").doesNotContain("Checked");
    }

    @Test
    void theAuditLogIsForThePrivacyOfficerOnlyAndReadingItIsLogged() throws Exception {
        Response refused = api().get("/v1/audit/verification", POLICE);
        assertThat(refused.status()).isEqualTo(403);
        Response verdict = api().get("/v1/audit/verification", PRIVACY_OFFICER);
        assertThat(verdict.status()).isEqualTo(200);
        assertThat(verdict.body().get("intact").asBoolean()).isTrue();
        assertThat(jdbc.queryForList("select status from access_log where action = 'audit.verify'", String.class))
                .contains("ok");
        assertThat(jdbc.queryForList("select detail from access_log where action = 'edge.refused' and user_id = ?",
                String.class, "politie-professional")).contains("GET /v1/audit/verification: this needs role "
                + "privacy-officer");
    }

    @Test
    void theRetentionPurgeCutsAtASignedCheckpointAndTheChainStillVerifies() throws Exception {
        Instant threeYearsAgo = Instant.now().minus(Duration.ofDays(3 * 365));
        accessLog.append(List.of(recordStarted(threeYearsAgo)));
        checkpoints.checkpoint();
        long checkpointed = jdbc.queryForObject("select max(seq) from access_log_checkpoint", Long.class);
        api().get("/v1/subjects/" + youth() + "/timeline?purpose=signaaloverleg", POLICE);
        checkpoints.checkpoint();

        long purgedUpTo = retention.purgeBefore(Instant.now().minus(Duration.ofDays(2 * 365 + 1)));

        assertThat(purgedUpTo).isEqualTo(checkpointed);
        assertThat(jdbc.queryForObject("select count(*) from access_log where seq <= ?", Long.class, checkpointed))
                .isZero();
        assertThat(jdbc.queryForObject("select detail from access_log where action = 'audit.purge' "
                + "order by seq desc limit 1", String.class)).contains("records up to " + checkpointed);
        ChainVerifier.Verification verdict = verifier.verify();
        assertThat(verdict.intact()).as(verdict.problem()).isTrue();
    }

    /**
     * Every query node runs the nightly purge at the same minute: one purges, the other finds nothing left
     * to purge, and neither fails (they once raced for the same anchor, and one logged an error).
     * Several rounds, each with both purges let go at once, so that a race has its chances.
     */
    @Test
    void twoNodesPurgingAtTheSameMinutePurgeOnceWithoutAnError() throws Exception {
        AccessLogRetention otherNode = new AccessLogRetention(jdbc, new TransactionTemplate(transactions),
                accessLog, Period.ofYears(2));
        Instant cutoff = Instant.now().minus(Duration.ofDays(2 * 365 + 1));
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                accessLog.append(List.of(recordStarted(Instant.now().minus(Duration.ofDays(3 * 365)))));
                checkpoints.checkpoint();
                long checkpointed = jdbc.queryForObject("select max(seq) from access_log_checkpoint", Long.class);
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Long> one = nodes.submit(() -> {
                    together.await();
                    return retention.purgeBefore(cutoff);
                });
                Future<Long> other = nodes.submit(() -> {
                    together.await();
                    return otherNode.purgeBefore(cutoff);
                });

                assertThat(List.of(one.get(30, TimeUnit.SECONDS), other.get(30, TimeUnit.SECONDS)))
                        .containsExactlyInAnyOrder(checkpointed, 0L);
                assertThat(jdbc.queryForObject("select count(*) from access_log where action = 'audit.purge' "
                        + "and seq > ?", Long.class, checkpointed)).as("the purge logged once").isEqualTo(1);
            }
        } finally {
            nodes.shutdownNow();
        }
        ChainVerifier.Verification verdict = verifier.verify();
        assertThat(verdict.intact()).as(verdict.problem()).isTrue();
    }

    /** A record as a read of three years ago would have written it (for the retention's tests). */
    static AccessRecord recordStarted(Instant started) {
        return new AccessRecord("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "timeline.read", started,
                started, AccessRecord.Status.OK, "VWA-OOV-01", "sr-old-record", "politie-professional", "politie",
                "PROFESSIONAL", "signaaloverleg", List.of(), "criminele-aanwas-haarlemmermeer", 1, List.of("SIG-01"),
                false, List.of("SIGNAL"), 1, null);
    }

    @Test
    void thePrivacyOfficerSeesWhoReadAYouthAndWhatAUserRead() throws Exception {
        String youth = youthSeenByPoliceAndLeerplicht();
        String today = Covenant.dayOf(Instant.now()).toString();
        String period = "?from=" + today + "&to=" + today;

        JsonNode bySubject = api().get("/v1/audit/subjects/" + youth + "/accesses" + period, PRIVACY_OFFICER).body();
        JsonNode byUser = api().get("/v1/audit/users/leerplicht-professional/accesses" + period, PRIVACY_OFFICER)
                .body();

        List<String> readers = new ArrayList<>();
        bySubject.forEach(logged -> readers.add(logged.at("/record/userId").asText() + " "
                + logged.at("/record/action").asText() + " " + logged.at("/record/entriesShown").asInt()));
        assertThat(readers).contains("politie-professional timeline.read 1", "leerplicht-professional timeline.read 1");
        assertThat(byUser).isNotEmpty().allSatisfy(logged ->
                assertThat(logged.at("/record/userId").asText()).isEqualTo("leerplicht-professional"));
        assertThat(byUser).anySatisfy(logged ->
                assertThat(logged.at("/record/subjectRef").asText()).isEqualTo(youth));
        assertThat(api().get("/v1/audit/subjects/" + youth + "/accesses" + period, POLICE).status()).isEqualTo(403);
        assertThat(jdbc.queryForList("select action from access_log where user_id = 'gemeente-privacy-officer' "
                + "and (subject_ref = ? or detail like 'user leerplicht-professional%') order by seq", String.class,
                youth)).containsExactly("audit.read-subject", "audit.read-user");
        // A BSN, an e-mail address or a name typed as the user: refused without repeating it, and never written
        // into an access record.
        long records = jdbc.queryForObject("select count(*) from access_log", Long.class);
        for (String typed : List.of("123456782", "jan@example.nl", "Jan%20Jansen")) {
            for (String path : List.of("/accesses", "/acts")) {
                Response refused = api().get("/v1/audit/users/" + typed + path + period, PRIVACY_OFFICER);
                assertThat(refused.status()).as(typed + path).isEqualTo(400);
                assertThat(refused.body().get("type").asText()).endsWith("invalid-request");
                // The refusal's text (its instance is the address the caller sent).
                assertThat(refused.body().get("detail").asText() + refused.body().get("errors"))
                        .doesNotContain("123456782", "jan@", "Jansen");
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from access_log where detail like '%123456782%' "
                + "or detail like '%jan@%' or detail like '%Jansen%'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from access_log", Long.class)).isEqualTo(records);
    }

    @Test
    void anotherOrganisationsPrivacyOfficerOverseesItsOwnPeopleOnly() throws Exception {
        String youth = youthSeenByPoliceAndLeerplicht();
        records.send(caseOpened(youth, MARCH));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from timeline_entry where subject_ref = ?", Long.class, youth) == 2);
        assertThat(api().post("/v1/subjects/" + youth + "/break-glass", YOUTH_CARE, "application/json",
                "{\"purpose\":\"pga-casusregie\",\"reason\":\"Acute safety concern reported by the family\"}")
                .status()).isEqualTo(201);
        String policeOfficer = QueryApi.token("politie", "privacy-officer");
        String youthCareOfficer = QueryApi.token("jeugdhulp", "privacy-officer");
        String today = Covenant.dayOf(Instant.now()).toString();
        String period = "?from=" + today + "&to=" + today;

        JsonNode ownReads = api().get("/v1/audit/subjects/" + youth + "/accesses" + period, policeOfficer).body();
        assertThat(ownReads).isNotEmpty().allSatisfy(logged ->
                assertThat(logged.at("/record/organisation").asText()).isEqualTo("politie"));
        assertThat(ownReads).anySatisfy(logged ->
                assertThat(logged.at("/record/userId").asText()).isEqualTo("politie-professional"));
        Response otherUser = api().get("/v1/audit/users/leerplicht-professional/accesses" + period, policeOfficer);
        assertThat(otherUser.status()).isEqualTo(200);
        assertThat(otherUser.body()).isEmpty();
        assertThat(api().get("/v1/audit/users/leerplicht-professional/accesses" + period, PRIVACY_OFFICER).body())
                .isNotEmpty();
        assertThat(api().get("/v1/audit/anomalies" + period, policeOfficer).body()).isNotEmpty()
                .allSatisfy(user -> assertThat(user.get("organisation").asText()).isEqualTo("politie"));
        assertThat(api().get("/v1/audit/anomalies" + period, PRIVACY_OFFICER).body()).anySatisfy(user ->
                assertThat(user.get("userId").asText()).isEqualTo("leerplicht-professional"));

        JsonNode everyRead = api().get("/v1/audit/subjects/" + youth + "/accesses" + period, PRIVACY_OFFICER).body();
        long leerplichtRead = seqOf(everyRead, "leerplicht-professional");
        Response explained = api().get("/v1/audit/accesses/" + leerplichtRead + "/explanation", policeOfficer);
        assertThat(explained.status()).isEqualTo(403);
        assertThat(explained.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:other-organisation");
        assertThat(api().get("/v1/audit/accesses/" + seqOf(everyRead, "politie-professional") + "/explanation",
                policeOfficer).status()).isEqualTo(200);
        assertThat(api().get("/v1/audit/accesses/" + leerplichtRead + "/explanation", PRIVACY_OFFICER).status())
                .isEqualTo(200);

        JsonNode visibility = api().get("/v1/audit/subjects/" + youth + "/visibility", policeOfficer).body();
        assertThat(visibility.get("audiences")).isNotEmpty().allSatisfy(audience ->
                assertThat(audience.get("organisation").asText()).isEqualTo("politie"));
        assertThat(visibility.get("breakGlass")).isEmpty();
        assertThat(api().get("/v1/audit/subjects/" + youth + "/visibility", PRIVACY_OFFICER).body()
                .get("audiences")).anySatisfy(audience ->
                assertThat(audience.get("organisation").asText()).isEqualTo("leerplicht"));
        Response policeActs = api().get("/v1/audit/subjects/" + youth + "/acts", policeOfficer);
        assertThat(policeActs.status()).isEqualTo(200);
        assertThat(policeActs.body()).isEmpty();
        assertThat(api().get("/v1/audit/subjects/" + youth + "/acts", QueryApi.token("jongerenwerk",
                "privacy-officer")).body()).hasSize(1);

        Response policeGrants = api().get("/v1/audit/break-glass", policeOfficer);
        assertThat(policeGrants.status()).isEqualTo(200);
        assertThat(findGrant(policeGrants.body(), youth)).isNull();
        String grant = findGrant(api().get("/v1/audit/break-glass", youthCareOfficer).body(), youth).get("id")
                .asText();
        Response review = api().post("/v1/audit/break-glass/" + grant + "/review", policeOfficer,
                "application/json", "{\"note\":\"Not mine to judge.\"}");
        assertThat(review.status()).isEqualTo(403);
        assertThat(review.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:other-organisation");
        assertThat(api().post("/v1/audit/break-glass/" + grant + "/review", youthCareOfficer, "application/json",
                "{\"note\":\"Checked with the team lead: justified.\"}").status()).isEqualTo(200);
        assertThat(breakGlassReviewer(youth)).isEqualTo("jeugdhulp-privacy-officer");

        // A restriction is listed to the organisations whose people touched the youth (the police read it).
        jdbc.update("insert into processing_restriction (id, subject_ref, ground, restricted_by, restricted_at) "
                + "values (?, ?, 'OBJECTION_PENDING', 'privacy-officer-1', now())", UUID.randomUUID(), youth);
        String haltOfficer = QueryApi.token("halt", "privacy-officer");
        assertThat(api().get("/v1/restrictions", policeOfficer).body().toString()).contains(youth);
        Response haltList = api().get("/v1/restrictions", haltOfficer);
        assertThat(haltList.status()).isEqualTo(200);
        assertThat(haltList.body().toString()).doesNotContain(youth);
        for (int time = 0; time < 2; time++) {
            // Asked twice: the officer's own oversight record of the first ask is not its people's touch.
            JsonNode haltView = api().get("/v1/subjects/" + youth + "/restriction", haltOfficer).body();
            assertThat(haltView.get("restricted").asBoolean()).isFalse();
            assertThat(haltView.get("restrictions")).isEmpty();
        }
        assertThat(api().get("/v1/subjects/" + youth + "/restriction", policeOfficer).body().get("restricted")
                .asBoolean()).isTrue();

        // Naming the youth in requests that are refused, or that show nothing, does not make it halt's.
        String haltProfessional = QueryApi.token("halt", "professional");
        assertThat(api().get("/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg", haltOfficer).status())
                .isEqualTo(403);
        assertThat(api().post("/v1/subjects/" + youth + "/break-glass", haltOfficer, "application/json",
                "{\"purpose\":\"pga-casusregie\",\"reason\":\"Trying to make this youth ours\"}").status())
                .isEqualTo(403);
        assertThat(api().get("/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg", haltProfessional)
                .body().path("totalEntries").asInt()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from access_log where subject_ref = ? and organisation = "
                + "'halt' and purpose is distinct from 'privacy-oversight'", Long.class, youth)).isGreaterThan(1);
        assertThat(api().get("/v1/restrictions", haltOfficer).body().toString()).doesNotContain(youth);
        assertThat(api().get("/v1/subjects/" + youth + "/restriction", haltOfficer).body().get("restricted")
                .asBoolean()).isFalse();
    }

    @Test
    void anotherOrganisationsPrivacyOfficerSeesNoAudienceOfAYouthItsOrganisationNeverDealtWith() throws Exception {
        String youth = youth();
        records.send(signalRaised(youth, "jongerenwerk", MARCH));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(distinct audience_organisation) from audience_entry where subject_ref = ?", Long.class,
                youth) >= 3);
        // Organisations whose audiences hold the youth, though their people read nothing and recorded nothing.
        List<String> holdingOnly = new ArrayList<>();
        api().get("/v1/audit/subjects/" + youth + "/visibility", PRIVACY_OFFICER).body().get("audiences")
                .forEach(audience -> holdingOnly.add(audience.get("organisation").asText()));
        holdingOnly.removeAll(List.of("gemeente", "jongerenwerk"));
        assertThat(holdingOnly).contains("politie", "leerplicht");
        for (String organisation : holdingOnly) {
            Response visibility = api().get("/v1/audit/subjects/" + youth + "/visibility",
                    QueryApi.token(organisation, "privacy-officer"));
            assertThat(visibility.status()).isEqualTo(200);
            assertThat(visibility.body().get("audiences")).isEmpty();
            assertThat(visibility.body().get("breakGlass")).isEmpty();
        }
        assertThat(api().get("/v1/audit/subjects/" + youth + "/visibility", QueryApi.token("jongerenwerk",
                "privacy-officer")).body().get("audiences")).isNotEmpty().allSatisfy(audience ->
                assertThat(audience.get("organisation").asText()).isEqualTo("jongerenwerk"));

        // A grant its own person opened, and has not yet used to read, is its officer's to see all the same.
        assertThat(api().post("/v1/subjects/" + youth + "/break-glass", POLICE, "application/json",
                "{\"purpose\":\"pga-casusregie\",\"reason\":\"Acute safety concern reported by the family\"}")
                .status()).isEqualTo(201);
        JsonNode police = api().get("/v1/audit/subjects/" + youth + "/visibility", QueryApi.token("politie",
                "privacy-officer")).body();
        assertThat(police.get("audiences")).isEmpty();
        assertThat(police.get("breakGlass")).singleElement().satisfies(reader ->
                assertThat(reader.get("userId").asText()).isEqualTo("politie-professional"));
        assertThat(api().get("/v1/audit/subjects/" + youth + "/visibility", QueryApi.token("leerplicht",
                "privacy-officer")).body().get("breakGlass")).isEmpty();
    }

    private static long seqOf(JsonNode logged, String userId) {
        for (JsonNode record : logged) {
            if (record.at("/record/userId").asText().equals(userId)) {
                return record.get("seq").asLong();
            }
        }
        throw new AssertionError("no access record of " + userId + " in " + logged);
    }

    @Test
    void theAccessReportOfASeededScenarioEqualsTheExpectedFixture() throws Exception {
        String youth = youthSeenByPoliceAndLeerplicht();
        api().get("/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg", POLICE);
        api().get("/v1/subjects/" + youth + "/timeline?purpose=zvh-escalatie", POLICE);
        api().get("/v1/subjects/" + youth + "/timeline?purpose=pga-casusregie", YOUTH_CARE);

        JsonNode report = api().get("/v1/audit/subjects/" + youth + "/access-report", PRIVACY_OFFICER).body();
        for (String accept : List.of("application/json", "text/html")) {
            assertThat(api().getText("/v1/audit/subjects/" + youth + "/access-report",
                    QueryApi.token("politie", "privacy-officer"), "Accept", accept))
                    .as("what every partner holds and the assessments are the gemeente's answer to the youth")
                    .contains("not-the-controller").doesNotContain("Wat de ketenbus zelf heeft beoordeeld");
        }

        String today = Covenant.dayOf(Instant.now()).toString();
        assertThat(report.get("consultations")).isEqualTo(JSON.readTree(fixture("access-report-expected.json")
                .replace("${today}", today)));
        String printable = api().getText("/v1/audit/subjects/" + youth + "/access-report", PRIVACY_OFFICER, "Accept",
                "text/html");
        assertThat(report.get("held")).hasSize(1);
        JsonNode signals = report.get("held").get(0);
        assertThat(signals.get("category").asText()).isEqualTo("SIGNAL");
        assertThat(signals.get("sourceOrganisation").asText()).isEqualTo("jongerenwerk");
        assertThat(signals.get("facts").asInt()).isEqualTo(1);
        assertThat(signals.get("purposes")).extracting(JsonNode::asText).containsExactly("signaaloverleg");
        assertThat(signals.get("legalBases")).extracting(JsonNode::asText).containsExactly("AVG art. 6(1)(e)");
        assertThat(signals.get("retention").asText()).isEqualTo("P1Y");
        assertThat(printable).contains("Overzicht van uw gegevens en wie ze heeft ingezien", "politie", "leerplicht",
                today, "tijdlijn", "1 jaar").doesNotContain("P1Y");
        // One signal matched nothing: the rule is explained, and nothing was assessed (art. 15(1)(h)).
        assertThat(report.at("/automatedAssessment/criteria/youngest").asInt()).isEqualTo(12);
        assertThat(report.at("/automatedAssessment/assessments")).isEmpty();
        assertThat(printable).contains("Wat de ketenbus zelf heeft beoordeeld", "12 tot en met 21 jaar",
                "Over u is niets zo beoordeeld");
        assertThat(jdbc.queryForList("select status || ' ' || organisation from access_log "
                + "where action = 'audit.access-report' and subject_ref = ? order by seq", String.class, youth))
                .containsExactly("ok gemeente", "denied politie", "denied politie", "ok gemeente");
    }

    /**
     * A failed group commit is logged with its reason (GroupCommit): the driver's message names the
     * statement and the constraint, not the rows' values, which the server's detail would add.
     */
    @Test
    void aFailedStatementIsReportedWithoutTheRowsValues() {
        String eventId = "ev-" + UUID.randomUUID();

        Throwable conflict = catchThrowable(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.update("insert into applied_event (event_id) values (?)", eventId);
            jdbc.update("insert into applied_event (event_id) values (?)", eventId);
        }));

        assertThat(conflict).hasRootCauseInstanceOf(PSQLException.class);
        PSQLException driver = (PSQLException) conflict.getCause();
        assertThat(driver.getServerErrorMessage().getDetail()).as("what the server said").contains(eventId);
        assertThat(driver.getMessage()).contains("duplicate key").doesNotContain(eventId);
        assertThat(conflict.getMessage()).doesNotContain(eventId);
    }

    @Test
    void theCommandLineVerifierChecksTheSameChain(@Value("${spring.datasource.url}") String url,
                                                  @Value("${spring.datasource.username}") String user,
                                                  @Value("${spring.datasource.password}") String password,
                                                  @Value("${ketenbus.audit.signing-key-location}") String keys)
            throws Exception {
        api().get("/v1/subjects/" + youth() + "/timeline?purpose=signaaloverleg", POLICE);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int status = VerifyAccessLog.run(new String[] {url, user, keys}, password,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("the access log verifies");
        assertThat(status).isZero();
        assertThat(VerifyAccessLog.run(new String[] {url, user}, password, new PrintStream(printed)))
                .isEqualTo(2);
    }

    @Test
    void aFailedVerificationShowsInHealthAndInTheMetric() throws Exception {
        api().get("/v1/subjects/" + youth() + "/timeline?purpose=signaaloverleg", POLICE);
        assertThat(api().get("/v1/audit/verification", PRIVACY_OFFICER).body().get("intact").asBoolean()).isTrue();
        assertThat(chainHealth()).isEqualTo("UP");
        assertThat(chainIntactMetric()).isEqualTo(1.0);
        long victim = jdbc.queryForObject("select max(seq) from access_log", Long.class);
        jdbc.execute("alter table access_log disable trigger access_log_append_only");
        try {
            String organisation = jdbc.queryForObject("select organisation from access_log where seq = ?", String.class,
                    victim);
            jdbc.update("update access_log set organisation = 'om' where seq = ?", victim);
            assertThat(api().get("/v1/audit/verification", PRIVACY_OFFICER).body().get("intact").asBoolean())
                    .isFalse();
            assertThat(chainHealth()).isEqualTo("DOWN");
            assertThat(api().get("/actuator/health", null).status()).isEqualTo(503);
            assertThat(chainIntactMetric()).isEqualTo(0.0);
            // Not a readiness matter: reads go on being logged.
            assertThat(api().get("/actuator/health/readiness", null).status()).isEqualTo(200);
            jdbc.update("update access_log set organisation = ? where seq = ?", organisation, victim);
        } finally {
            jdbc.execute("alter table access_log enable trigger access_log_append_only");
        }
        assertThat(api().get("/v1/audit/verification", PRIVACY_OFFICER).body().get("intact").asBoolean()).isTrue();
        assertThat(chainHealth()).isEqualTo("UP");
        assertThat(chainIntactMetric()).isEqualTo(1.0);
    }

    private String chainHealth() throws Exception {
        return api().get("/actuator/health", null).body().path("components").path("accessLogChain").path("status")
                .asText();
    }

    private double chainIntactMetric() throws Exception {
        return api().get("/actuator/metrics/ketenbus.audit.chain.intact",
                QueryApi.token("gemeente", "operator")).body().get("measurements").get(0)
                .get("value").asDouble();
    }

    @Test
    void readinessDependsOnAWorkingAccessLog() throws Exception {
        assertThat(api().get("/actuator/health/readiness", null).body().get("status").asText()).isEqualTo("UP");
        jdbc.execute("alter table access_log_head rename to access_log_head_away");
        try {
            assertThat(api().get("/actuator/health/readiness", null).status()).isEqualTo(503);
        } finally {
            jdbc.execute("alter table access_log_head_away rename to access_log_head");
        }
    }

    /**
     * A new youth with a youth worker's signal, read for the signal meeting by the police (until it
     * saw the signal) and then once by leerplicht.
     */
    private String youthSeenByPoliceAndLeerplicht() throws Exception {
        String youth = youth();
        String path = "/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg";
        publishSignalSeenBy(youth, "jongerenwerk", path, POLICE);
        api().get(path, LEERPLICHT);
        return youth;
    }

    /** Publishes a signal about the youth and waits until the reader sees it at the path. */
    private void publishSignalSeenBy(String youth, String partner, String path, String reader) {
        records.send(signalRaised(youth, partner, MARCH));
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get(path, reader).body()
                .path("totalEntries").asInt() == 1);
    }

    private static JsonNode findGrant(JsonNode grants, String youth) {
        for (JsonNode grant : grants) {
            if (grant.get("subjectRef").asText().equals(youth)) {
                return grant;
            }
        }
        return null;
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = AccessLogIT.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private QueryApi api() {
        return new QueryApi(port);
    }

    private static String youth() {
        return "audit-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
