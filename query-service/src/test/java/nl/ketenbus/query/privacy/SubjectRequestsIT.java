package nl.ketenbus.query.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.support.QueryApi;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The register of a youth's requests (ADR 0029): a privacy officer of the gemeente registers one with the day
 * it came in; its term is a month, extended once by two months while it runs; its answer is recorded once;
 * the open ones are listed first due first, the overdue marked, and counted by the gauges. Nobody else
 * registers, a BSN is no pseudonym, and every step is in the access log.
 */
// The sweep of access records left pending runs every second here, and takes any it finds.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ketenbus.audit.pending-sweep=1s", "ketenbus.audit.pending-sweep-after=0s"})
class SubjectRequestsIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.requests");
    private static final String OFFICER = QueryApi.token("gemeente", "privacy-officer");
    private static final String YOUTH = "sr-" + "a1".repeat(32);
    private static final String OTHER_YOUTH = "sr-" + "b2".repeat(32);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SubjectRequestsWaiting waiting;

    @Autowired
    MeterRegistry meters;

    @Test
    void aRequestIsRegisteredExtendedOnceWhileItRunsAnsweredOnceAndListedWhileOpen() throws Exception {
        jdbc.update("delete from subject_request");
        QueryApi api = new QueryApi(port);
        LocalDate today = LocalDate.now(Covenant.ZONE);
        String late = received(YOUTH, "ACCESS", today.minusDays(40));

        assertThat(api.post("/v1/subject-requests", QueryApi.token("politie", "privacy-officer"), "application/json",
                late).body().get("type").asText()).isEqualTo("urn:ketenbus:problem:not-the-controller");
        assertThat(api.post("/v1/subject-requests", QueryApi.token("gemeente", "casusregisseur"), "application/json",
                late).status()).isEqualTo(403);
        QueryApi.Response bsn = api.post("/v1/subject-requests", OFFICER, "application/json",
                received("123456782", "ACCESS", today));
        assertThat(bsn.status()).isEqualTo(400);
        assertThat(bsn.body().toString()).doesNotContain("123456782");
        assertThat(api.post("/v1/subject-requests", OFFICER, "application/json", received(YOUTH, "ACCESS",
                today.plusDays(1))).status()).as("a day to come").isEqualTo(400);
        QueryApi.Response noSuchRight = api.post("/v1/subject-requests", OFFICER, "application/json",
                received(YOUTH, "COMPLAINT", today));
        assertThat(noSuchRight.status()).as("no such right").isEqualTo(400);
        assertThat(noSuchRight.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:invalid-request");
        assertThat(noSuchRight.body().at("/errors/0/pointer").asText()).isEqualTo("/kind");
        QueryApi.Response notADay = api.post("/v1/subject-requests", OFFICER, "application/json",
                "{\"subjectRef\":\"" + YOUTH + "\",\"kind\":\"ACCESS\",\"receivedOn\":\"123456782\"}");
        assertThat(notADay.body().at("/errors/0/pointer").asText()).isEqualTo("/receivedOn");
        assertThat(notADay.body().toString()).doesNotContain("123456782");
        // A BSN where an id or a number belongs is refused without being repeated.
        for (String path : List.of("/v1/subject-requests/123456782/extension",
                "/v1/audit/accesses/123456782x/explanation")) {
            QueryApi.Response notAnId = path.endsWith("extension")
                    ? api.post(path, OFFICER, "application/json", "{}") : api.get(path, OFFICER);
            assertThat(notAnId.status()).as(path).isEqualTo(400);
            assertThat(notAnId.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:invalid-request");
            // (Its instance is the path the caller sent, as for every problem.)
            assertThat(notAnId.body().get("detail") + " " + notAnId.body().get("errors")).as(path)
                    .contains("is not of its documented type").doesNotContain("123456782");
        }
        QueryApi.Response notAnObject = api.post("/v1/subject-requests", OFFICER, "application/json", "[1, 2");
        assertThat(notAnObject.status()).as("not JSON").isEqualTo(400);
        assertThat(notAnObject.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:invalid-request");

        QueryApi.Response overdue = api.post("/v1/subject-requests", OFFICER, "application/json", late);
        QueryApi.Response running = api.post("/v1/subject-requests", OFFICER, "application/json",
                received(OTHER_YOUTH, "ERASURE", today.minusDays(3)));
        assertThat(overdue.status()).isEqualTo(201);
        assertThat(overdue.body().get("dueOn").asText()).isEqualTo(today.minusDays(40).plusMonths(1).toString());
        assertThat(overdue.body().get("recordedBy").asText()).isEqualTo("gemeente-privacy-officer");
        String lateId = overdue.body().get("id").asText();
        String runningId = running.body().get("id").asText();

        JsonNode open = api.get("/v1/subject-requests", OFFICER).body().get("requests");
        assertThat(api.get("/v1/subject-requests", QueryApi.token("politie", "privacy-officer")).body().get("type")
                .asText()).as("whose requests await is the gemeente's").isEqualTo(
                        "urn:ketenbus:problem:not-the-controller");
        assertThat(open).extracting(listed -> listed.at("/request/id").asText()).containsExactly(lateId, runningId);
        assertThat(open).extracting(listed -> listed.get("overdue").asBoolean()).containsExactly(true, false);
        assertThat(waiting.measure()).isEqualTo(new SubjectRequestsWaiting.Waiting(2, 1));
        assertThat(meters.get("ketenbus.subject.requests.overdue").gauge().value()).isEqualTo(1.0);

        // The term is extended once, while it runs.
        assertThat(api.post("/v1/subject-requests/" + lateId + "/extension", OFFICER, "application/json", "")
                .body().get("type").asText()).isEqualTo("urn:ketenbus:problem:not-extendable");
        QueryApi.Response extended = api.post("/v1/subject-requests/" + runningId + "/extension", OFFICER,
                "application/json", "");
        assertThat(extended.status()).isEqualTo(200);
        assertThat(extended.body().get("dueOn").asText())
                .isEqualTo(today.minusDays(3).plusMonths(1).plusMonths(2).toString());
        assertThat(extended.body().get("extended").asBoolean()).isTrue();
        assertThat(api.post("/v1/subject-requests/" + runningId + "/extension", OFFICER, "application/json", "")
                .status()).isEqualTo(409);

        // Answered once, on a day between its receipt and today.
        String answer = "/v1/subject-requests/" + lateId + "/answer";
        assertThat(api.post(answer, OFFICER, "application/json", "{\"answeredOn\":\"" + today.minusDays(41) + "\"}")
                .status()).isEqualTo(400);
        QueryApi.Response answered = api.post(answer, OFFICER, "application/json",
                "{\"answeredOn\":\"" + today + "\"}");
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.body().get("answeredOn").asText()).isEqualTo(today.toString());
        assertThat(api.post(answer, OFFICER, "application/json", "{\"answeredOn\":\"" + today + "\"}").body()
                .get("type").asText()).isEqualTo("urn:ketenbus:problem:already-answered");
        assertThat(api.post("/v1/subject-requests/00000000-0000-0000-0000-000000000000/answer", OFFICER,
                "application/json", "{\"answeredOn\":\"" + today + "\"}").status()).isEqualTo(404);
        assertThat(api.get("/v1/subject-requests", OFFICER).body().get("requests"))
                .extracting(listed -> listed.at("/request/id").asText()).containsExactly(runningId);
        assertThat(waiting.measure()).isEqualTo(new SubjectRequestsWaiting.Waiting(1, 0));

        assertThat(jdbc.queryForList("select action || ' ' || status from access_log where subject_ref = ? "
                + "order by seq", String.class, YOUTH)).containsSubsequence("subject.request-registered denied",
                "subject.request-registered denied", "subject.request-registered denied",
                "subject.request-registered ok", "audit.subject-requests ok", "subject.request-extended denied",
                "subject.request-answered denied", "subject.request-answered ok", "subject.request-answered denied");
        assertThat(jdbc.queryForList("select count(*) from access_log where detail like '%123456782%' "
                + "or subject_ref = '123456782'", Long.class)).containsExactly(0L);
    }

    @Test
    void aRegistrationWhoseRecordCannotBeChainedAtOnceIsStoredWithItsRecordWhichTheSweepChains() throws Exception {
        jdbc.update("delete from subject_request");
        QueryApi api = new QueryApi(port);
        String request = received(OTHER_YOUTH, "OBJECTION", LocalDate.now(Covenant.ZONE));
        QueryApi.Response registered;
        // The chain's head away: the record cannot be chained, but it can be written with the change.
        jdbc.execute("alter table access_log_head rename to access_log_head_away");
        try {
            registered = api.post("/v1/subject-requests", OFFICER, "application/json", request);
            // Committed with the registration, in the change's own transaction: not lost with the log away.
            assertThat(jdbc.queryForObject("select count(*) from access_log_pending where record ->> 'action' = "
                    + "'subject.request-registered'", Long.class)).isEqualTo(1);
        } finally {
            jdbc.execute("alter table access_log_head_away rename to access_log_head");
        }
        assertThat(registered.status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select count(*) from subject_request", Long.class)).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from "
                + "access_log_pending", Long.class) == 0);
        assertThat(jdbc.queryForList("select action || ' ' || status from access_log where subject_ref = ? "
                + "and action = 'subject.request-registered'", String.class, OTHER_YOUTH))
                .containsExactly("subject.request-registered ok");
    }

    @Test
    void aRegistrationWhoseRecordCannotBeWrittenIsRefusedAndStoresNothing() throws Exception {
        jdbc.update("delete from subject_request");
        QueryApi api = new QueryApi(port);
        String request = received(OTHER_YOUTH, "RECTIFICATION", LocalDate.now(Covenant.ZONE));
        QueryApi.Response refused;
        jdbc.execute("alter table access_log rename to access_log_unwritable");
        try {
            refused = api.post("/v1/subject-requests", OFFICER, "application/json", request);
        } finally {
            jdbc.execute("alter table access_log_unwritable rename to access_log");
        }
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:access-log-unavailable");
        assertThat(refused.body().get("detail").asText()).contains("nothing was changed here");
        assertThat(jdbc.queryForObject("select count(*) from subject_request", Long.class))
                .as("nothing stored without its access record").isZero();
        assertThat(api.post("/v1/subject-requests", OFFICER, "application/json", request).status()).isEqualTo(201);
    }

    private static String received(String subjectRef, String kind, LocalDate on) {
        return "{\"subjectRef\":\"" + subjectRef + "\",\"kind\":\"" + kind + "\",\"receivedOn\":\"" + on + "\"}";
    }
}
