package nl.ketenbus.query.covenant;
import static nl.ketenbus.query.support.BackboneRecords.caseOpened;
import static nl.ketenbus.query.support.BackboneRecords.participant;
import static nl.ketenbus.query.support.BackboneRecords.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.support.BackboneRecords;
import nl.ketenbus.query.support.ImpactRecount;
import nl.ketenbus.query.support.QueryApi.Response;
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
 * A covenant change under four eyes (ADR 0017), on the real read model and broker: refused
 * proposals change nothing; a proposal is built but serves only after another person's approval
 * with its impact report, which equals a recount from the stored history; a partner the new version
 * adds sees what its rules give from the switch on and not before; a rollback returns to the standby
 * without a replay; a refusal retires the proposal; a version valid from a later day switches on that
 * day by itself; every act is in the access log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CovenantChangesIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.covenant");
    private static final String YAML = "application/yaml";
    private static final String JSON = "application/json";
    private static final String ADMIN = QueryApi.token("gemeente", "covenant-administrator");
    private static final String PRIVACY = QueryApi.token("gemeente", "privacy-officer");
    /** One person holding both roles: proposes, and may not approve what he proposed. */
    private static final String BOTH = DevTokens.forTests().mint("gemeente", "gemeente-both",
            List.of("covenant-administrator", "privacy-officer"), Duration.ofHours(1));
    private static final String POLICE = QueryApi.token("politie", "professional");
    private static final String HALT = QueryApi.token("halt", "professional");
    private static final String REFERENCE = CovenantLoader.documentAt("");
    /** Version 2: the police no longer sees a signal's indicator; Halt joins the signal meeting. */
    private static final String VERSION_2 = REFERENCE.replace("\nversion: 1\n", "\nversion: 2\n")
            .replaceFirst("show: \\[category, indicator, observedOn]", "show: [category, observedOn]")
            .replace("  - id: SIG-02\n", """
                      - id: SIG-90
                        reason: Halt joins the signal meeting (a test of a partner added by a new version).
                        from: [politie, leerplicht, jongerenwerk, onderwijs]
                        types: [nl.ketenbus.signal.raised.v1]
                        to: { organisation: halt, role: PROFESSIONAL }
                        purpose: signaaloverleg
                        legalBasis: AVG art. 6(1)(e)
                        show: [category, observedOn]
                      - id: SIG-02
                    """);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CovenantSwitch covenantSwitch;

    @Autowired
    MeterRegistry meters;

    @Test
    void aChangeServesOnlyAfterAnotherPersonApprovedItWithItsImpactReport() throws Exception {
        QueryApi api = new QueryApi(port);
        String first = youth();
        String second = youth();
        OffsetDateTime day = OffsetDateTime.parse("2026-03-14T10:00:00+01:00");
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            records.send(signalRaised(first, "leerplicht", day));
            records.send(signalRaised(first, "politie", day.plusDays(1)));
            records.send(signalRaised(second, "jongerenwerk", day));
            records.send(caseOpened(second, day.plusDays(2)));
            records.send(participant("added", second, "politie", day.plusDays(3)));
        }
        String timeline = "/v1/subjects/" + first + "/timeline?purpose=signaaloverleg";
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(timeline, POLICE).body().path("totalEntries")
                .asInt() == 2);
        // Not read by the police: the police's privacy officer gets no example of a youth its people never dealt
        // with (ADR 0034), though the police's audience holds it.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from audience_entry "
                + "where subject_ref = ? and audience_organisation = 'politie'", Long.class, second) >= 1);

        refusedProposalsChangeNothing(api);

        Response proposed = api.post("/v1/covenant/changes", BOTH, YAML, VERSION_2);
        assertThat(proposed.status()).as(proposed.body().toString()).isEqualTo(202);
        int change = proposed.body().get("changeId").asInt();
        assertThat(proposed.location()).isEqualTo("/v1/covenant/changes/" + change);
        assertThat(proposed.body().get("state").asText()).isEqualTo("PENDING");
        assertThat(api.post("/v1/covenant/changes", ADMIN, YAML, VERSION_2.replace("\nversion: 2\n", "\nversion: 3\n"))
                .body().get("type").asText()).as("one change at a time").isEqualTo("urn:ketenbus:problem:change-open");
        int generation = proposed.body().get("generation").asInt();
        await().atMost(Duration.ofSeconds(30)).until(() -> state(api, generation).equals("READY"));

        assertThat(api.get(timeline, POLICE).body().get("entries").get(0).get("data").has("indicator"))
                .as("built but not approved: version 1 still serves").isTrue();
        assertThat(api.get(timeline, HALT).status()).as("Halt is not at the signal meeting before the switch")
                .isEqualTo(403);

        assertThat(api.get("/v1/covenant/changes/" + change + "/impact", ADMIN).status())
                .as("the impact report is the privacy officer's").isEqualTo(403);
        // A fresh report is computed off the request's thread (ADR 0030's amendment) and kept: it is the newest.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from "
                + "covenant_impact_report where change_id = ?", Long.class, change) > 0);
        JsonNode fresh = api.get("/v1/covenant/changes/" + change + "/impact?fresh=true", PRIVACY).body();
        JsonNode report = api.get("/v1/covenant/changes/" + change + "/impact", PRIVACY).body();
        assertThat(report.get("reportSha256").asText()).isEqualTo(fresh.get("reportSha256").asText());
        assertThat(jdbc.queryForObject("select count(*) from covenant_impact_report where change_id = ?", Long.class,
                change)).as("the one computed when the change was built, and the fresh one").isEqualTo(2);
        String reportSha = report.get("reportSha256").asText();
        assertThat(reportSha).hasSize(64);
        Map<String, ImpactRecount.Audience> recount = new ImpactRecount(jdbc).recount(REFERENCE, VERSION_2);
        assertThat(ImpactRecount.of(report)).as("the report equals a recount from the stored history")
                .isEqualTo(recount);
        assertThat(recount.get("halt PROFESSIONAL signaaloverleg").eventsAppearing()).isEqualTo(3);
        assertThat(recount.get("halt PROFESSIONAL signaaloverleg").youthsAppearing()).isEqualTo(2);
        assertThat(recount.get("politie PROFESSIONAL signaaloverleg").fields())
                .containsEntry("nl.ketenbus.signal.raised.v1 indicator SHOWN_TO_REDACTED", 3L);
        aRestrictedYouthIsLeftOutOfTheExamplesWhileItHolds(api, change, reportSha, first, second, recount);
        anotherOrganisationsOfficerSeesItsOwnExamplesOfWhatItSeesNow(api, change, reportSha, recount, first, second);
        String page = api.getText("/v1/covenant/changes/" + change + "/impact", PRIVACY, "Accept", "text/html");
        assertThat(page).contains("<html lang=\"nl\">", "Gevolgen van de convenantwijziging", "wordt afgeschermd",
                "halt, PROFESSIONAL, doel signaaloverleg", first);
        // Kept for a person to look at (and a browser to screenshot): the page as the privacy officer gets it.
        Files.writeString(Path.of("target", "covenant-impact-page.html"), page);

        Response own = api.post("/v1/covenant/changes/" + change + "/approval", BOTH, JSON, approval(reportSha));
        assertThat(own.status()).as("four eyes").isEqualTo(403);
        assertThat(own.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:four-eyes");
        assertThat(api.post("/v1/covenant/changes/" + change + "/approval", ADMIN, JSON, approval(reportSha))
                .status()).as("an administrator does not approve").isEqualTo(403);
        assertThat(api.post("/v1/covenant/changes/" + change + "/approval", PRIVACY, JSON, approval("0".repeat(64)))
                .body().get("type").asText()).isEqualTo("urn:ketenbus:problem:report-unknown");
        // A report kept before reports listed what changes only when read is not one to approve on.
        String older = "1".repeat(64);
        jdbc.update("insert into covenant_impact_report (change_id, report_sha256, report) select change_id, ?, "
                + "report - 'readTimeRules' from covenant_impact_report where change_id = ? and report_sha256 = ?",
                older, change, reportSha);
        assertThat(api.post("/v1/covenant/changes/" + change + "/approval", PRIVACY, JSON, approval(older))
                .body().get("type").asText()).isEqualTo("urn:ketenbus:problem:report-unknown");
        assertThat(state(api, generation)).as("refused approvals switch nothing").isEqualTo("READY");

        Response approved = api.post("/v1/covenant/changes/" + change + "/approval", PRIVACY, JSON,
                approval(reportSha));
        assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
        assertThat(approved.body().get("state").asText()).isEqualTo("SWITCHED");
        assertThat(approved.body().get("decidedBy").asText()).isEqualTo("gemeente-privacy-officer");
        assertThat(approved.body().get("reportSha256").asText()).isEqualTo(reportSha);
        assertThat(api.post("/v1/covenant/changes/" + change + "/approval", PRIVACY, JSON, approval(reportSha))
                .body().get("type").asText()).isEqualTo("urn:ketenbus:problem:change-not-pending");

        double replaced = starts("replaced");
        JsonNode police = api.get(timeline, POLICE).body().get("entries").get(0);
        assertThat(starts("replaced")).as("the read started from the generation the last read found serving, and "
                + "was read again under the one that serves now").isEqualTo(replaced + 1);
        assertThat(police.get("covenantVersion").asInt()).isEqualTo(2);
        assertThat(police.get("data").has("indicator")).isFalse();
        JsonNode halt = api.get(timeline, HALT).body();
        assertThat(halt.get("totalEntries").asInt()).as("Halt sees what SIG-90 gives it").isEqualTo(2);
        assertThat(halt.get("entries").get(0).get("rule").asText()).isEqualTo("SIG-90");
        assertThat(halt.get("entries").get(0).get("data").has("indicator")).isFalse();
        assertThat(state(api, 1)).as("the previous generation is the standby").isEqualTo("READY");

        rollbackReturnsToTheStandbyWithoutAReplay(api, timeline);
        refusalRetiresTheProposal(api);
        aLaterVersionSwitchesOnItsFirstDayByItself(api);
        anErasedYouthLeavesEveryKeptReport(change, reportSha, first, second);
        everyActIsInTheAccessLog();
    }

    /** How often a read about single youths took its generation that way (Readers.Start). */
    private double starts(String way) {
        return meters.counter("ketenbus.reads.generation.starts", "way", way).count();
    }

    private void refusedProposalsChangeNothing(QueryApi api) throws Exception {
        Response broken = api.post("/v1/covenant/changes", ADMIN, YAML, "id: x\nversion: 0\nrules: []\n");
        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.contentType()).startsWith("application/problem+json");
        assertThat(broken.body().get("errors").toString()).contains("version: must be a whole number from 1");
        Response typo = api.post("/v1/covenant/changes", ADMIN, YAML, REFERENCE.replace("title: Convenant",
                "titel: Convenant").replace("\nversion: 1\n", "\nversion: 2\n"));
        assertThat(typo.body().get("errors").get(0).asText()).startsWith("(document): unknown key 'titel' (line 7)");
        Response lower = api.post("/v1/covenant/changes", ADMIN, YAML, REFERENCE.replace("title: Convenant",
                "title: Het convenant"));
        assertThat(lower.status()).isEqualTo(422);
        assertThat(lower.body().get("detail").asText()).contains("version: 1 does not raise", "(line 6)");
        assertThat(api.post("/v1/covenant/changes", POLICE, YAML, VERSION_2).status()).isEqualTo(403);
        assertThat(api.get("/v1/covenant/changes", ADMIN).body()).singleElement()
                .satisfies(install -> assertThat(install.get("kind").asText()).isEqualTo("INSTALL"));
        assertThat(api.get("/v1/covenant/generations", ADMIN).body()).hasSize(1);
    }

    /**
     * While a youth's processing is restricted (ADR 0025) the report shown names it in no example, its facts
     * still counted and the digest unchanged; lifted, its examples are shown again.
     */
    private void aRestrictedYouthIsLeftOutOfTheExamplesWhileItHolds(QueryApi api, int change, String reportSha,
                                                                   String restricted, String other,
                                                                   Map<String, ImpactRecount.Audience> recount)
            throws Exception {
        String impact = "/v1/covenant/changes/" + change + "/impact";
        assertThat(api.get(impact, PRIVACY).body().toString()).contains(restricted).contains(other);
        UUID restriction = UUID.randomUUID();
        jdbc.update("insert into processing_restriction (id, subject_ref, ground, restricted_by, restricted_at) "
                + "values (?, ?, 'OBJECTION_PENDING', 'privacy-officer-1', now())", restriction, restricted);
        JsonNode whileRestricted = api.get(impact, PRIVACY).body();
        assertThat(whileRestricted.toString()).doesNotContain(restricted).contains(other);
        assertThat(whileRestricted.get("reportSha256").asText()).isEqualTo(reportSha);
        assertThat(ImpactRecount.of(whileRestricted)).as("its facts still counted").isEqualTo(recount);
        assertThat(keptReport(change, reportSha)).as("kept, as storage is what art. 18 leaves").contains(restricted);
        jdbc.update("update processing_restriction set lifted_by = 'privacy-officer-1', lifted_at = now(), "
                + "subject_informed_on = current_date where id = ?", restriction);
        assertThat(api.get(impact, PRIVACY).body().toString()).contains(restricted);
    }

    /**
     * Another organisation's privacy officer (ADR 0034) reads the same counts and digest, but examples only of
     * its own audiences, of facts they see now and of youths its organisation dealt with: a fact that would
     * appear to Halt says which partners work with the youth before anyone approved it, and an example of a
     * youth the police's people never read or recorded says that the approach works with that youth.
     */
    private void anotherOrganisationsOfficerSeesItsOwnExamplesOfWhatItSeesNow(
            QueryApi api, int change, String reportSha, Map<String, ImpactRecount.Audience> recount, String first,
            String second) throws Exception {
        String impact = "/v1/covenant/changes/" + change + "/impact";
        Response police = api.get(impact, QueryApi.token("politie", "privacy-officer"));
        assertThat(police.status()).isEqualTo(200);
        assertThat(police.body().get("reportSha256").asText()).isEqualTo(reportSha);
        assertThat(ImpactRecount.of(police.body())).as("the counts name nobody").isEqualTo(recount);
        List<String> examples = new ArrayList<>();
        police.body().get("audiences").forEach(audience -> audience.get("examples").forEach(example ->
                examples.add(audience.get("organisation").asText() + " " + example.get("change").asText())));
        assertThat(examples).isNotEmpty().containsOnly("politie FIELDS");
        assertThat(police.body().toString()).as("the police read and recorded the first youth only")
                .contains(first).doesNotContain(second);
        List<String> policeAudiencesYouths = new ArrayList<>();
        api.get(impact, PRIVACY).body().get("audiences").forEach(audience -> audience.get("examples")
                .forEach(example -> {
                    if (audience.get("organisation").asText().equals("politie")) {
                        policeAudiencesYouths.add(example.get("subjectRef").asText());
                    }
                }));
        assertThat(policeAudiencesYouths).as("the gemeente's officer sees both").contains(first, second);
        Response halt = api.get(impact, QueryApi.token("halt", "privacy-officer"));
        assertThat(halt.status()).isEqualTo(200);
        assertThat(halt.body().toString()).doesNotContain(first).doesNotContain(second);
        assertThat(api.get(impact, PRIVACY).body().toString()).as("the gemeente's officer sees them")
                .contains("\"change\":\"APPEARS\"");
    }

    /** The kept report named the youth in its examples; erased, it is named nowhere, and the report's SHA stays. */
    private void anErasedYouthLeavesEveryKeptReport(int change, String reportSha, String erased, String kept)
            throws Exception {
        assertThat(keptReport(change, reportSha)).contains(erased).contains(kept);
        CloudEvent erasure = BackboneRecords.event(erased, "gemeente", "nl.ketenbus.subject.erased.v1",
                "{\"subjectRef\":\"" + erased + "\",\"ground\":\"OBJECTION_UPHELD\",\"erasedOn\":\"2026-11-30\"}",
                OffsetDateTime.now());
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            records.send(erasure);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from applied_event where event_id = ?", Integer.class, erasure.getId()) == 1);

        assertThat(jdbc.queryForObject("select count(*) from covenant_impact_report where strpos(report::text, ?) > 0",
                Integer.class, erased)).isZero();
        assertThat(keptReport(change, reportSha)).as("the other youth's examples stay").contains(kept);

        // An expired fact's examples go as well.
        String expiredId = new ObjectMapper().readTree(keptReport(change, reportSha))
                .findValues("examples").stream().flatMap(examples -> StreamSupport.stream(
                        examples.spliterator(), false)).filter(example -> kept.equals(example.path("subjectRef")
                        .asText())).findFirst().orElseThrow().get("eventId").asText();
        CloudEvent expiry = BackboneRecords.event(kept, "gemeente", "nl.ketenbus.retention.facts-expired.v1",
                "{\"subjectRef\":\"" + kept + "\",\"eventIds\":[\"" + expiredId + "\"],\"expiredOn\":\"2026-11-30\"}",
                OffsetDateTime.now());
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            records.send(expiry);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from applied_event where event_id = ?", Integer.class, expiry.getId()) == 1);
        assertThat(keptReport(change, reportSha)).doesNotContain(expiredId);
    }

    private String keptReport(int change, String reportSha) {
        return jdbc.queryForObject("select report::text from covenant_impact_report where change_id = ? "
                + "and report_sha256 = ?", String.class, change, reportSha);
    }

    private void rollbackReturnsToTheStandbyWithoutAReplay(QueryApi api, String timeline) throws Exception {
        long replayed = jdbc.queryForObject("select events_done from generation_build where generation = 1",
                Long.class);
        Response rollback = api.post("/v1/covenant/changes/rollback", ADMIN, JSON, "");
        assertThat(rollback.status()).as(rollback.body().toString()).isEqualTo(202);
        int change = rollback.body().get("changeId").asInt();
        assertThat(rollback.body().get("generation").asInt()).isEqualTo(1);
        JsonNode report = api.get("/v1/covenant/changes/" + change + "/impact", PRIVACY).body();
        assertThat(ImpactRecount.of(report)).isEqualTo(new ImpactRecount(jdbc).recount(VERSION_2, REFERENCE));
        Response approved = api.post("/v1/covenant/changes/" + change + "/approval", PRIVACY, JSON,
                approval(report.get("reportSha256").asText()));
        assertThat(approved.body().get("state").asText()).isEqualTo("SWITCHED");

        assertThat(api.get(timeline, POLICE).body().get("entries").get(0).get("data").has("indicator")).isTrue();
        assertThat(api.get(timeline, HALT).status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select events_done from generation_build where generation = 1", Long.class))
                .as("no replay").isEqualTo(replayed);
        assertThat(state(api, 2)).isEqualTo("RETIRED");
        assertThat(api.post("/v1/covenant/changes/rollback", ADMIN, JSON, "").body().get("type").asText())
                .as("the rolled-back version is not kept").isEqualTo("urn:ketenbus:problem:no-standby");
    }

    private void refusalRetiresTheProposal(QueryApi api) throws Exception {
        Response proposed = api.post("/v1/covenant/changes", ADMIN, YAML,
                VERSION_2.replace("\nversion: 2\n", "\nversion: 3\n"));
        int change = proposed.body().get("changeId").asInt();
        assertThat(api.post("/v1/covenant/changes/" + change + "/refusal", PRIVACY, JSON, "{}").status())
                .as("a refusal gives its reason").isEqualTo(400);
        Response refused = api.post("/v1/covenant/changes/" + change + "/refusal", PRIVACY, JSON,
                "{\"reason\":\"Halt is not a party to the signal meeting\"}");
        assertThat(refused.body().get("state").asText()).isEqualTo("REFUSED");
        assertThat(state(api, proposed.body().get("generation").asInt())).isEqualTo("RETIRED");
    }

    private void aLaterVersionSwitchesOnItsFirstDayByItself(QueryApi api) throws Exception {
        Response proposed = api.post("/v1/covenant/changes", ADMIN, YAML, VERSION_2
                .replace("\nversion: 2\n", "\nversion: 4\n").replace("validFrom: 2024-01-01", "validFrom: 2099-01-01")
                .replace("validTo: 2028-12-31", "validTo: 2099-12-31"));
        assertThat(proposed.status()).as(proposed.body().toString()).isEqualTo(202);
        int change = proposed.body().get("changeId").asInt();
        int generation = proposed.body().get("generation").asInt();
        await().atMost(Duration.ofSeconds(30)).until(() -> state(api, generation).equals("READY"));
        String sha = api.get("/v1/covenant/changes/" + change + "/impact", PRIVACY).body().get("reportSha256").asText();
        Response approved = api.post("/v1/covenant/changes/" + change + "/approval", PRIVACY, JSON, approval(sha));
        assertThat(approved.body().get("state").asText()).as("approved, waiting for its first day")
                .isEqualTo("APPROVED");
        covenantSwitch.switchDue(LocalDate.of(2098, 12, 31));
        assertThat(state(api, generation)).isEqualTo("READY");

        covenantSwitch.switchDue(LocalDate.of(2099, 1, 1));
        assertThat(state(api, generation)).isEqualTo("ACTIVE");
        assertThat(api.get("/v1/covenant/changes/" + change, ADMIN).body().get("state").asText())
                .isEqualTo("SWITCHED");
    }

    private void everyActIsInTheAccessLog() {
        List<String> acts = jdbc.queryForList("select action || ' ' || status || ' ' || user_id from access_log "
                + "where purpose = 'covenant-governance' order by seq", String.class);
        assertThat(acts).contains("covenant.propose denied gemeente-covenant-administrator",
                "covenant.propose ok gemeente-both", "covenant.impact ok gemeente-privacy-officer",
                "covenant.approve denied gemeente-both",
                "covenant.approve ok gemeente-privacy-officer", "covenant.switch ok " + CovenantAudit.SWITCH_ACTOR,
                "covenant.propose-rollback ok gemeente-covenant-administrator",
                "covenant.refuse ok gemeente-privacy-officer");
        assertThat(jdbc.queryForList("select detail from access_log where action = 'edge.refused' and user_id = "
                + "'gemeente-covenant-administrator'", String.class)).contains("GET /v1/covenant/changes/{changeId}/"
                + "impact: this needs role privacy-officer");
        assertThat(jdbc.queryForList("select detail from access_log where action = 'covenant.switch'", String.class))
                .hasSize(4).anySatisfy(detail -> assertThat(detail).contains("PROPOSAL to "
                        + "criminele-aanwas-haarlemmermeer version 2, proposed by gemeente-both, approved by "
                        + "gemeente-privacy-officer, report"));
    }

    private static String approval(String reportSha256) {
        return "{\"reportSha256\":\"" + reportSha256 + "\"}";
    }

    private static String state(QueryApi api, int generation) throws Exception {
        return api.get("/v1/covenant/generations/" + generation, ADMIN).body().path("state").asText();
    }

    private static String youth() {
        return "chg-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
