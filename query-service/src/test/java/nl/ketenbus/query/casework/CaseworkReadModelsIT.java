package nl.ketenbus.query.casework;

import static nl.ketenbus.query.support.BackboneRecords.event;
import static nl.ketenbus.query.support.BackboneRecords.signalRaised;
import static nl.ketenbus.query.support.QueryApi.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.audience.ReadModelRetention;
import nl.ketenbus.query.support.BackboneRecords;
import nl.ketenbus.query.support.QueryApi;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The casework read models against PostgreSQL and a real broker, under the reference covenant: the
 * case director's case view and work list, the signal meeting's agenda, each only as far as the
 * reader's rules go, and each read in the access log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseworkReadModelsIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.test");
    /**
     * When the partners' facts happened: a hundred days ago, not a fixed day, because the retention pass
     * below removes a signal a year after it happened (ADR 0016).
     */
    private static final OffsetDateTime HAPPENED = OffsetDateTime.now().minusDays(100).withHour(10).withMinute(0)
            .withSecond(0).withNano(0);
    private static final String CASE_DIRECTOR = token("gemeente", "casusregisseur");
    private static final String POLICE = token("politie", "professional");
    private static final String YOUTH_CARE = token("jeugdhulp", "professional");
    private static final String SCHOOL = token("onderwijs", "professional");
    private static final String YOUTH = "sr-casework-" + UUID.randomUUID().toString().substring(0, 8);
    /** A youth whose match names the school. */
    private static final String PUPIL = "sr-pupil-" + UUID.randomUUID().toString().substring(0, 8);
    /** A youth whose case is closed: its director reads on for the covenant's period (P3M), then not. */
    private static final String CLOSED = "sr-closed-" + UUID.randomUUID().toString().substring(0, 8);
    /** Another casusregisseur of the gemeente, who directs neither case. */
    private static final String COLLEAGUE = DevTokens.forTests().mint("gemeente", "casusregisseur-2",
            List.of("casusregisseur"), Duration.ofHours(1));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReadModelRetention retention;

    @BeforeAll
    void aYouthFromFirstSignalsToARunningCase() {
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            records.send(signalRaised(YOUTH, "politie", HAPPENED));
            records.send(signalRaised(YOUTH, "jongerenwerk", HAPPENED.plusDays(2)));
            records.send(gemeente("nl.ketenbus.assessment.signals-matched.v1",
                    "\"matchId\":\"match-1\",\"organisations\":[\"POLITIE\",\"JONGERENWERK\"],\"matchedOn\":\"2026-03-16\"",
                    3));
            records.send(gemeente("nl.ketenbus.assessment.target-group-assessed.v1",
                    "\"outcome\":\"CRIMINELE_AANWAS\",\"referenceDate\":\"2026-03-16\",\"ageOnReferenceDate\":15,"
                            + "\"opiumActAntecedents\":0,\"riskIndicators\":2", 3));
            records.send(gemeente("nl.ketenbus.case.opened.v1", "\"caseId\":\"pga-1\"", 10));
            records.send(gemeente("nl.ketenbus.case.director-assigned.v1",
                    "\"caseId\":\"pga-1\",\"directorUserId\":\"gemeente-casusregisseur\"", 10));
            records.send(gemeente("nl.ketenbus.case.participant-added.v1",
                    "\"caseId\":\"pga-1\",\"organisation\":\"JEUGDHULP\"", 11));
            records.send(event(YOUTH, "jeugdhulp", "nl.ketenbus.intervention.started.v1", data(
                    "\"interventionId\":\"jh-1\",\"caseId\":\"pga-1\",\"type\":\"FORENSIC_COACH\""), HAPPENED.plusDays(12)));
            records.send(gemeente("nl.ketenbus.intervention.started.v1",
                    "\"interventionId\":\"apv-1\",\"caseId\":\"pga-1\",\"type\":\"AREA_BAN\",\"plannedEnd\":\"2026-04-30\"",
                    12));
            records.send(gemeente("nl.ketenbus.case.conference-held.v1", "\"caseId\":\"pga-1\",\"heldOn\":\"2026-03-30\","
                    + "\"participants\":[\"GEMEENTE\",\"POLITIE\"],\"decisions\":[\"AGREE_ACTION_PLAN\"]", 16));
            records.send(gemeente("nl.ketenbus.case.reminder-raised.v1", "\"caseId\":\"pga-1\","
                    + "\"reminder\":\"INTERVENTION_OVERDUE\",\"dueSince\":\"2026-05-01\",\"interventionId\":\"apv-1\"", 48));
            records.send(gemeente("nl.ketenbus.perspective.plan-updated.v1", "\"caseId\":\"pga-1\",\"version\":1,"
                    + "\"areas\":{\"EDUCATION\":{\"status\":\"IN_PROGRESS\",\"note\":{\"algorithm\":\"AES-256-GCM\","
                    + "\"keyVersion\":1,\"nonce\":\"bm9uY2U=\",\"ciphertext\":\"Y2lwaGVy\"}}}", 49));
            records.send(event(PUPIL, "gemeente", "nl.ketenbus.assessment.signals-matched.v1", "{\"subjectRef\":\""
                    + PUPIL + "\",\"matchId\":\"match-1\",\"organisations\":[\"POLITIE\",\"ONDERWIJS\"],"
                    + "\"matchedOn\":\"2026-03-20\"}", HAPPENED.plusDays(6)));
            records.send(gemeente("nl.ketenbus.case.riec-referral-proposed.v1",
                    "\"caseId\":\"pga-1\",\"reason\":\"CRIMINAL_EARNINGS\"", 20));
            records.send(event(YOUTH, "ondermijning", "nl.ketenbus.ondermijning.riec-referral-answered.v1", data(
                    "\"caseId\":\"pga-1\",\"outcome\":\"DECLINED\",\"declineReason\":\"PGA_APPROACH_SUFFICES\""),
                    HAPPENED.plusDays(25)));
            records.send(signalRaised(CLOSED, "politie", HAPPENED));
            records.send(event(CLOSED, "gemeente", "nl.ketenbus.case.opened.v1", of(CLOSED, "\"caseId\":\"pga-9\""),
                    HAPPENED.plusDays(1)));
            records.send(event(CLOSED, "gemeente", "nl.ketenbus.case.director-assigned.v1", of(CLOSED,
                    "\"caseId\":\"pga-9\",\"directorUserId\":\"gemeente-casusregisseur\""), HAPPENED.plusDays(1)));
            records.send(event(CLOSED, "gemeente", "nl.ketenbus.case.participant-added.v1", of(CLOSED,
                    "\"caseId\":\"pga-9\",\"organisation\":\"JEUGDHULP\""), HAPPENED.plusDays(2)));
            records.send(event(CLOSED, "gemeente", "nl.ketenbus.case.closed.v1", of(CLOSED,
                    "\"caseId\":\"pga-9\",\"outcome\":\"GOALS_ACHIEVED\""), HAPPENED.plusDays(60)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from timeline_entry where subject_ref in (?, ?, ?)", Long.class, YOUTH, PUPIL,
                CLOSED) == 20);
    }

    @Test
    void theCaseDirectorSeesTheWholeCaseWithTheMeasuresLegalArticleAndWhatIsOverdue() throws Exception {
        JsonNode view = api().get("/v1/subjects/" + YOUTH + "/case", CASE_DIRECTOR).body();

        assertThat(view.get("caseId").asText()).isEqualTo("pga-1");
        assertThat(view.get("status").asText()).isEqualTo("OPEN");
        assertThat(view.get("director").asText()).isEqualTo("gemeente-casusregisseur");
        assertThat(texts(view.get("participants"))).containsExactly("gemeente", "jeugdhulp");
        assertThat(view.get("interventions")).extracting(intervention -> intervention.get("type").asText() + "/"
                        + intervention.get("recordedBy").asText() + "/" + intervention.get("legalArticle"))
                .containsExactly("FORENSIC_COACH/jeugdhulp/null", "AREA_BAN/gemeente/\"APV art. 2:78\"");
        assertThat(view.get("openReminders")).singleElement().satisfies(reminder -> {
            assertThat(reminder.get("reminder").asText()).isEqualTo("INTERVENTION_OVERDUE");
            assertThat(reminder.get("interventionId").asText()).isEqualTo("apv-1");
        });
        assertThat(view.at("/perspectivePlan/areas/EDUCATION/noteKept").asBoolean()).isTrue();
        assertThat(view.get("conferences")).hasSize(1);
        assertThat(accessRecords("case.read")).isPositive();
        // Logged as what the view showed: the case, not the signals and the assessment the file it is folded
        // from also holds (the timeline shows those, and logs them when it does).
        String categories = jdbc.queryForObject("select categories_shown::text from access_log where action = "
                + "'case.read' and subject_ref = ? and user_id = 'gemeente-casusregisseur' order by seq desc limit 1",
                String.class, YOUTH);
        assertThat(categories).contains("CASE").contains("INTERVENTION").doesNotContain("SIGNAL")
                .doesNotContain("ASSESSMENT");
    }

    @Test
    void teamOndermijningListsItsReferralsWithItsAnswerAndTheDirectorSeesItOnTheCase() throws Exception {
        JsonNode list = api().get("/v1/ondermijning/referrals?since=2026-01-01", token("ondermijning", "professional"))
                .body();
        JsonNode referral = only(list.get("referrals"));
        assertThat(referral.get("subjectRef").asText()).isEqualTo(YOUTH);
        assertThat(referral.get("reason").asText()).isEqualTo("CRIMINAL_EARNINGS");
        assertThat(referral.get("outcome").asText()).isEqualTo("DECLINED");
        assertThat(referral.get("declineReason").asText()).isEqualTo("PGA_APPROACH_SUFFICES");
        assertThat(accessRecords("referrals.read")).isPositive();
        assertThat(api().get("/v1/ondermijning/referrals", POLICE).status()).isEqualTo(403);

        JsonNode view = api().get("/v1/subjects/" + YOUTH + "/case", CASE_DIRECTOR).body();
        assertThat(view.get("riecReferrals")).singleElement().satisfies(riec -> {
            assertThat(riec.get("reason").asText()).isEqualTo("CRIMINAL_EARNINGS");
            assertThat(riec.get("outcome").asText()).isEqualTo("DECLINED");
        });
        assertThat(api().get("/v1/subjects/" + YOUTH + "/case", COLLEAGUE).body().get("riecReferrals")).isEmpty();

        // The lists across youths are narrowed as the youth's own timeline is (ADR 0018): the stored entries
        // are the director's view (PGA-01), which another case director reads nothing of on the agenda.
        long logged = accessRecords("agenda.read");
        JsonNode agenda = api().get("/v1/signal-meeting/agenda?since=2026-01-01&purpose=pga-casusregie", COLLEAGUE)
                .body();
        assertThat(agenda.get("matches")).as(agenda.toString()).isEmpty();
        assertThat(agenda.get("proposals")).isEmpty();
        assertThat(agenda.get("routed")).isEmpty();
        assertThat(accessRecords("agenda.read")).as("a youth shown nothing is not logged").isEqualTo(logged);
    }

    @Test
    void aPartnerAtTheTableSeesTheCaseAndOneThatIsNotSeesNone() throws Exception {
        QueryApi.Response youthCare = api().get("/v1/subjects/" + YOUTH + "/case", YOUTH_CARE);
        assertThat(youthCare.status()).isEqualTo(200);
        assertThat(youthCare.body().get("interventions")).hasSize(2);

        QueryApi.Response police = api().get("/v1/subjects/" + YOUTH + "/case", POLICE);
        assertThat(police.status()).isEqualTo(404);
        assertThat(police.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:no-case");
        // Logged as the refusal it was, not as a read of what the police's audience holds of the youth: no
        // consultation in the youth's access report, no recipient to tell of an erasure.
        assertThat(jdbc.queryForObject("select status || ' ' || detail || ' ' || entries_shown from access_log "
                + "where action = 'case.read' and subject_ref = ? and user_id = 'politie-professional' "
                + "order by seq desc limit 1", String.class, YOUTH)).isEqualTo("denied no-case 0");
    }

    @Test
    void aCaseIsFoundByItsNumberAsFarAsTheReaderMaySeeIt() throws Exception {
        QueryApi.Response found = api().get("/v1/cases/pga-1", CASE_DIRECTOR);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("subjectRef").asText()).isEqualTo(YOUTH);
        assertThat(found.body().get("interventions")).hasSize(2);

        // The police are not at the table: answered exactly as a number that does not exist.
        QueryApi.Response police = api().get("/v1/cases/pga-1", POLICE);
        QueryApi.Response unknown = api().get("/v1/cases/pga-does-not-exist", POLICE);
        assertThat(police.body().get("instance").asText()).isEqualTo("/v1/cases/pga-1");
        assertThat(police.status()).isEqualTo(404);
        assertThat(((ObjectNode) police.body()).without("instance").toString())
                .isEqualTo(((ObjectNode) unknown.body()).without("instance").toString());
        assertThat(api().get("/v1/cases/pga%201", CASE_DIRECTOR).status()).isEqualTo(400);
        // Nor does a purpose the reader may not use tell a known number from an unknown one.
        QueryApi.Response knownOtherPurpose = api().get("/v1/cases/pga-1?purpose=zvh-escalatie", POLICE);
        QueryApi.Response unknownOtherPurpose = api().get("/v1/cases/pga-does-not-exist?purpose=zvh-escalatie",
                POLICE);
        assertThat(knownOtherPurpose.status()).isEqualTo(unknownOtherPurpose.status());
        assertThat(((ObjectNode) knownOtherPurpose.body()).without("instance").toString())
                .isEqualTo(((ObjectNode) unknownOtherPurpose.body()).without("instance").toString());

        // Posted, the number stays out of the address: the same answers.
        QueryApi.Response posted = api().post("/v1/cases/search", CASE_DIRECTOR, "application/json",
                "{\"caseId\":\"pga-1\"}");
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.body()).isEqualTo(api().get("/v1/cases/pga-1", CASE_DIRECTOR).body());
        QueryApi.Response postedByPolice = api().post("/v1/cases/search", POLICE, "application/json",
                "{\"caseId\":\"pga-1\"}");
        assertThat(postedByPolice.status()).isEqualTo(404);
        assertThat(((ObjectNode) postedByPolice.body()).without("instance").toString())
                .isEqualTo(((ObjectNode) unknown.body()).without("instance").toString());
        QueryApi.Response aName = api().post("/v1/cases/search", CASE_DIRECTOR, "application/json",
                "{\"caseId\":\"Jansen 12-04-2009\"}");
        assertThat(aName.status()).isEqualTo(400);
        assertThat(aName.body().toString()).as("a name typed as a case number is not repeated")
                .doesNotContain("Jansen").contains("/caseId");
    }

    @Test
    void aNumberWhereAPseudonymBelongsIsRefusedAndNeverLogged() throws Exception {
        String bsn = "123456782";
        assertThat(api().get("/v1/subjects/" + bsn + "/case", CASE_DIRECTOR).status()).isEqualTo(400);
        assertThat(api().get("/v1/subjects/" + bsn + "/timeline", CASE_DIRECTOR).status()).isEqualTo(400);
        assertThat(api().get("/v1/audit/subjects/" + bsn + "/accesses", token("gemeente", "privacy-officer"))
                .status()).isEqualTo(400);
        // Refused at the edge for want of a role: logged, but not against the number.
        assertThat(api().get("/v1/audit/subjects/" + bsn + "/accesses", POLICE).status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from access_log where subject_ref = ? or detail like ?",
                Long.class, bsn, "%" + bsn + "%")).isZero();
    }

    @Test
    void thePrivacyOfficerSeesWhoCanSeeTheYouthWhatAndWhy() throws Exception {
        JsonNode visibility = api().get("/v1/audit/subjects/" + YOUTH + "/visibility",
                token("gemeente", "privacy-officer")).body();

        JsonNode director = audience(visibility, "gemeente", "CASUSREGISSEUR", "pga-casusregie");
        assertThat(texts(director.get("rules"))).contains("PGA-01");
        assertThat(texts(director.get("bases"))).containsExactly("directs the youth's case in person");
        assertThat(director.get("inPerson").asText()).isEqualTo("gemeente-casusregisseur");
        JsonNode police = audience(visibility, "politie", "PROFESSIONAL", "signaaloverleg");
        assertThat(texts(police.get("rules"))).contains("SIG-01");
        assertThat(texts(police.get("bases"))).contains("covenant rule");
        assertThat(police.get("entries").asLong()).isPositive();
        assertThat(visibility.get("audiences").findValuesAsText("role")).doesNotContain("ANALIST");
        assertThat(accessRecords("audit.visibility")).isPositive();
        assertThat(api().get("/v1/audit/subjects/" + YOUTH + "/visibility", POLICE).status()).isEqualTo(403);
    }

    @Test
    void anotherCaseDirectorSeesOnlyThatACaseExistsAndWhoDirectsIt() throws Exception {
        String timeline = "/v1/subjects/" + YOUTH + "/timeline?purpose=pga-casusregie";
        JsonNode colleague = api().get(timeline, COLLEAGUE).body();
        assertThat(colleague.get("entries")).extracting(entry -> entry.get("type").asText() + " "
                        + entry.get("rule").asText() + " " + entry.get("data").toString())
                .containsExactly("nl.ketenbus.case.opened.v1 PGA-10 {\"caseId\":\"pga-1\",\"subjectRef\":\""
                                + YOUTH + "\"}", "nl.ketenbus.case.director-assigned.v1 PGA-11 {\"caseId\":\"pga-1\","
                                + "\"subjectRef\":\"" + YOUTH + "\",\"directorUserId\":\"gemeente-casusregisseur\"}");
        assertThat(colleague.get("totalEntries").asInt()).isEqualTo(2);
        assertThat(api().get(timeline, CASE_DIRECTOR).body().get("totalEntries").asInt())
                .as("the director reads the whole case").isGreaterThan(10);

        JsonNode view = api().get("/v1/subjects/" + YOUTH + "/case", COLLEAGUE).body();
        assertThat(view.get("caseId").asText()).isEqualTo("pga-1");
        assertThat(view.get("director").asText()).isEqualTo("gemeente-casusregisseur");
        assertThat(view.get("interventions")).isEmpty();
        assertThat(view.get("conferences")).isEmpty();
        assertThat(jdbc.queryForList("select rule_ids::text from access_log where user_id = 'casusregisseur-2' "
                + "and action = 'timeline.read'", String.class)).containsExactly("{PGA-10,PGA-11}");

        long seq = jdbc.queryForObject("select max(seq) from access_log where user_id = 'casusregisseur-2' "
                + "and action = 'timeline.read'", Long.class);
        String privacyOfficer = token("gemeente", "privacy-officer");
        JsonNode explained = api().get("/v1/audit/accesses/" + seq + "/explanation", privacyOfficer).body();
        assertThat(explained.get("rules")).extracting(rule -> rule.get("ruleId").asText() + ": "
                + rule.get("basis").asText()).containsExactly("PGA-10: takes part in the youth's open case",
                "PGA-11: takes part in the youth's open case");
        assertThat(explained.at("/rules/1/reason").asText()).startsWith("Another casusregisseur learns who directs");
        assertThat(explained.at("/record/subjectRef").asText()).isEqualTo(YOUTH);
        long directorsRead = jdbc.queryForObject("select max(seq) from access_log where user_id = "
                + "'gemeente-casusregisseur' and action = 'timeline.read' and subject_ref = ?", Long.class, YOUTH);
        assertThat(api().get("/v1/audit/accesses/" + directorsRead + "/explanation", privacyOfficer).body()
                .get("rules").findValuesAsText("basis")).containsOnly("directs the youth's case in person");
        assertThat(api().get("/v1/audit/accesses/999999999/explanation", privacyOfficer).status()).isEqualTo(404);
        assertThat(api().get("/v1/audit/accesses/" + seq + "/explanation", COLLEAGUE).status()).isEqualTo(403);

        // Pages counted from the newest, narrowed too: the newest entry first, then the one before it.
        assertThat(api().get(timeline + "&newest=true&size=1", COLLEAGUE).body().get("entries"))
                .extracting(entry -> entry.get("rule").asText()).containsExactly("PGA-11");
        assertThat(api().get(timeline + "&newest=true&size=1&page=1", COLLEAGUE).body().get("entries"))
                .extracting(entry -> entry.get("rule").asText()).containsExactly("PGA-10");
    }

    @Test
    void aClosedCaseStaysWithItsDirectorForTheCovenantsPeriodThenLeaves() throws Exception {
        String timeline = "/v1/subjects/" + CLOSED + "/timeline?purpose=pga-casusregie";
        assertThat(api().get("/v1/subjects/" + CLOSED + "/case", CASE_DIRECTOR).body().get("status").asText())
                .isEqualTo("CLOSED");
        assertThat(api().get(timeline, CASE_DIRECTOR).body().get("totalEntries").asInt()).isEqualTo(5);
        assertThat(api().get("/v1/subjects/" + CLOSED + "/case", YOUTH_CARE).status())
                .as("the other participants leave at once").isEqualTo(404);
        JsonNode colleague = api().get(timeline, COLLEAGUE).body();
        assertThat(colleague.get("totalEntries").asInt()).isEqualTo(3);
        assertThat(colleague.get("entries").get(2).get("type").asText()).isEqualTo("nl.ketenbus.case.closed.v1");
        assertThat(texts(colleague.get("entries").get(2).get("redacted"))).containsExactly("outcome");

        retention.run(Instant.now().plus(Duration.ofDays(80)));
        assertThat(api().get(timeline, CASE_DIRECTOR).body().get("totalEntries").asInt()).as("within P3M")
                .isEqualTo(5);
        JsonNode closedCase = api().get("/v1/work-list", CASE_DIRECTOR).body().get("closedCases").get(0);
        assertThat(api().get("/v1/work-list", CASE_DIRECTOR).body().get("closedCases")).hasSize(1);
        assertThat(closedCase.get("subjectRef").asText()).isEqualTo(CLOSED);
        assertThat(closedCase.get("caseId").asText()).isEqualTo("pga-9");
        assertThat(closedCase.get("outcome").asText()).isEqualTo("GOALS_ACHIEVED");
        assertThat(api().get("/v1/work-list", COLLEAGUE).body().get("closedCases")).isEmpty();
        ReadModelRetention.Pass after = retention.run(Instant.now().plus(Duration.ofDays(100)));
        assertThat(after.participationsEnded()).isEqualTo(1);
        assertThat(api().get(timeline, CASE_DIRECTOR).body().get("totalEntries").asInt()).isZero();
        assertThat(api().get("/v1/subjects/" + CLOSED + "/case", CASE_DIRECTOR).status()).isEqualTo(404);
        assertThat(api().get("/v1/work-list", CASE_DIRECTOR).body().get("closedCases")).isEmpty();
    }

    private static String of(String subjectRef, String fields) {
        return "{\"subjectRef\":\"" + subjectRef + "\"," + fields + "}";
    }

    private static JsonNode audience(JsonNode visibility, String organisation, String role, String purpose) {
        for (JsonNode audience : visibility.get("audiences")) {
            if (audience.get("organisation").asText().equals(organisation) && audience.get("role").asText().equals(role)
                    && audience.get("purpose").asText().equals(purpose)) {
                return audience;
            }
        }
        throw new AssertionError("no audience " + organisation + "/" + role + "/" + purpose + " in " + visibility);
    }

    @Test
    void theSignalMeetingSeesWhoIsInvolvedAndTheProposalNotWhatWasSignalled() throws Exception {
        JsonNode agenda = api().get("/v1/signal-meeting/agenda?since=2026-01-01", POLICE).body();

        JsonNode match = only(agenda.get("matches"));
        assertThat(texts(match.get("matchedOrganisations"))).containsExactly("politie", "jongerenwerk");
        assertThat(match.get("contacts")).extracting(contact -> contact.get("organisation").asText())
                .containsExactly("politie", "jongerenwerk");
        JsonNode proposal = only(agenda.get("proposals"));
        assertThat(proposal.get("outcome").asText()).isEqualTo("CRIMINELE_AANWAS");
        assertThat(agenda.get("routed")).isEmpty();
        assertThat(accessRecords("agenda.read")).isPositive();

        QueryApi.Response analyst = api().get("/v1/signal-meeting/agenda", token("gemeente", "analist"));
        assertThat(analyst.status()).isEqualTo(403);
    }

    @Test
    void aSchoolLearnsOfAMatchOnlyWhenTheMatchNamesIt() throws Exception {
        JsonNode agenda = api().get("/v1/signal-meeting/agenda?since=2026-01-01", SCHOOL).body();

        List<String> matched = new java.util.ArrayList<>();
        agenda.get("matches").forEach(item -> matched.add(item.get("subjectRef").asText()));
        assertThat(matched).contains(PUPIL).doesNotContain(YOUTH);
        assertThat(api().get("/v1/subjects/" + YOUTH + "/timeline?purpose=signaaloverleg", SCHOOL).body()
                .get("totalEntries").asInt()).isZero();
    }

    @Test
    void theWorkListHoldsTheDirectorsOwnOpenCasesWithWhatIsDue() throws Exception {
        JsonNode mine = api().get("/v1/work-list", CASE_DIRECTOR).body();
        JsonNode item = only(mine.get("cases"));
        assertThat(item.get("caseId").asText()).isEqualTo("pga-1");
        assertThat(item.get("runningInterventions").asInt()).isEqualTo(2);
        assertThat(item.get("openReminders")).hasSize(1);
        assertThat(item.get("lastConference").asText()).isEqualTo("2026-03-30");

        assertThat(api().get("/v1/work-list", COLLEAGUE).body().get("cases")).isEmpty();
        assertThat(accessRecords("work-list.read")).isPositive();
    }

    @Test
    void theCaseDirectorsPagesAreInDutchAndShowNoMoreThanTheAnswers() throws Exception {
        String workList = api().getText("/v1/work-list", CASE_DIRECTOR, "Accept", "text/html");
        assertThat(workList).contains("<html lang=\"nl\">", "Werklijst casusregisseur", YOUTH, "pga-1",
                "Interventie loopt na de geplande einddatum");
        String caseView = api().getText("/v1/subjects/" + YOUTH + "/case", CASE_DIRECTOR, "Accept", "text/html");
        assertThat(caseView).contains("Casusoverzicht", "APV art. 2:78", "jeugdhulp");
        // Without an Accept header the answer is JSON, as the API documents.
        assertThat(api().get("/v1/work-list", CASE_DIRECTOR).contentType()).startsWith("application/json");
    }

    private JsonNode only(JsonNode items) {
        List<JsonNode> ours = new java.util.ArrayList<>();
        items.forEach(item -> {
            if (item.get("subjectRef").asText().equals(YOUTH)) {
                ours.add(item);
            }
        });
        assertThat(ours).hasSize(1);
        return ours.get(0);
    }

    private long accessRecords(String action) {
        return jdbc.queryForObject("select count(*) from access_log where action = ? and subject_ref = ?", Long.class,
                action, YOUTH);
    }

    private QueryApi api() {
        return new QueryApi(port);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    private static io.cloudevents.CloudEvent gemeente(String type, String fields, int days) {
        return event(YOUTH, "gemeente", type, data(fields), HAPPENED.plusDays(days));
    }

    private static String data(String fields) {
        return "{\"subjectRef\":\"" + YOUTH + "\"," + fields + "}";
    }
}
