package nl.ketenbus.command.casework;

import static nl.ketenbus.command.support.CaseworkClient.caseDirector;
import static nl.ketenbus.command.support.CaseworkClient.professional;
import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.command.subject.domain.EraseSubject;
import nl.ketenbus.command.support.CaseworkClient;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.PartnerEvents;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.events.group.GroupStep;
import nl.ketenbus.events.subject.ErasureGround;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The casework API over HTTP against PostgreSQL: who may direct a case, the case's rules answered as
 * problem+json, and nothing stored of what is refused.
 */
class CaseworkIT extends CommandServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    CommandGateway gateway;

    @Autowired
    DataSource dataSource;

    @Test
    void aCaseDirectorOpensTheCaseOfAProposedYouthAndDirectsIt() throws Exception {
        String youth = proposedYouth();
        CaseworkClient casework = new CaseworkClient(port);

        HttpResponse<String> opened = casework.post(cases(youth), "{\"caseId\":\"case-a1\"}", caseDirector());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        assertThat(JSON.readTree(opened.body()).get("caseId").asText()).isEqualTo("case-a1");
        assertThat(opened.body()).as("a JSON answer ends its line, as text on a terminal should").endsWith("}\n");

        assertThat(casework.post(cases(youth) + "/case-a1/participants", "{\"organisation\":\"JEUGDHULP\"}",
                caseDirector()).statusCode()).isEqualTo(200);
        assertThat(casework.send("PUT", cases(youth) + "/case-a1/action-plan", """
                {"measures":[{"pillar":"CARE","intervention":"FORENSIC_COACH"},
                             {"pillar":"ADMINISTRATIVE","intervention":"AREA_BAN"}]}""", caseDirector()).statusCode())
                .isEqualTo(200);
        HttpResponse<String> started = casework.post(cases(youth) + "/case-a1/interventions",
                "{\"interventionId\":\"jh-1\",\"type\":\"FORENSIC_COACH\",\"plannedEnd\":\"2099-01-31\"}",
                professional("jeugdhulp"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        assertThat(casework.send("PUT", cases(youth) + "/case-a1/perspective-plan",
                "{\"areas\":{\"EDUCATION\":{\"status\":\"IN_PROGRESS\",\"note\":\"Wil naar het mbo; stage gezocht\"}}}",
                caseDirector()).statusCode()).isEqualTo(200);

        assertThat(eventTypesOf(youth)).containsSubsequence("CaseOpened", "CaseDirectorAssigned", "CaseParticipantAdded",
                "ActionPlanAgreed", "InterventionStarted", "PerspectivePlanUpdated");
        // The note is sealed with the youth's key: nothing of it is in the store in clear. (Its phrases, not a
        // word as short as "mbo": a sealed value's Base64 holds any three letters now and then, and did once.)
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and (convert_from(payload, 'UTF8') like '%naar het mbo%' or convert_from(payload, 'UTF8') "
                + "like '%stage gezocht%')", Long.class, youth)).isZero();
        // The intervention's deadline (the start of the day after its planned end, Dutch time) waits in
        // the scheduler's table; no birthday lies that far ahead.
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks "
                + "where execution_time = timestamptz '2099-02-01 00:00:00 Europe/Amsterdam'", Long.class)).isEqualTo(1);
    }

    /**
     * A note is sealed with the youth's data key inside the transaction that decides the update: refused (an
     * erased youth, a pseudonym nobody registered), the key made for it is not kept (ADR 0015: no live key comes
     * back for an erased pseudonym).
     */
    @Test
    void aRefusedPerspectivePlanLeavesNoDataKeyBehind() throws Exception {
        String erased = proposedYouth();
        CaseworkClient casework = new CaseworkClient(port);
        assertThat(casework.post(cases(erased), "{\"caseId\":\"case-k1\"}", caseDirector()).statusCode())
                .isEqualTo(201);
        gateway.sendAndWait(new EraseSubject(erased, ErasureGround.OBJECTION_UPHELD, "privacy-officer-1"));
        String nobody = PartnerEvents.newSubjectRef();
        String plan = "{\"areas\":{\"EDUCATION\":{\"status\":\"IN_PROGRESS\",\"note\":\"Stage gezocht\"}}}";

        for (String youth : List.of(erased, nobody)) {
            HttpResponse<String> refused = casework.send("PUT", cases(youth) + "/case-k1/perspective-plan", plan,
                    caseDirector());
            assertThat(refused.statusCode()).as(refused.body()).isBetween(400, 499);
            assertThat(jdbc.queryForObject("select count(*) from subject_key where subject_ref = ? "
                    + "and shredded_at is null", Long.class, youth)).as(youth).isZero();
        }
    }

    @Test
    void theCasesRulesAnswerAsProblemsAndStoreNothing() throws Exception {
        String youth = proposedYouth();
        CaseworkClient casework = new CaseworkClient(port);
        assertThat(casework.post(cases(youth), "{\"caseId\":\"case-b1\"}", caseDirector()).statusCode()).isEqualTo(201);
        long stored = storedEventsOf(youth);

        assertProblem(casework.post(cases(youth), "{\"caseId\":\"case-b2\"}", caseDirector()), 409, "case-already-open");
        assertProblem(casework.send("PUT", cases(youth) + "/case-b1/regie", "{\"mode\":\"PROCESREGIE\"}",
                professional("politie")), 403, "role-not-held");
        assertProblem(casework.post(cases(youth) + "/case-b1/interventions", "{\"type\":\"YOUTH_CARE\"}",
                professional("jeugdhulp")), 403, "not-a-participant");
        String anotherDirector = DevTokens.forTests().mint("gemeente", "casusregisseur-2", List.of("casusregisseur"),
                Duration.ofHours(1));
        assertProblem(casework.post(cases(youth) + "/case-b1/closure", "{\"outcome\":\"MOVED_AWAY\"}",
                anotherDirector), 403, "not-the-case-director");
        assertProblem(casework.post(cases(youth) + "/case-b9/participants", "{\"organisation\":\"POLITIE\"}",
                caseDirector()), 404, "case-not-found");
        assertProblem(casework.send("PUT", cases(youth) + "/case-b1/regie", "{\"mode\":\"SOMETHING\"}",
                caseDirector()), 400, "invalid-request");
        assertProblem(casework.post(cases(youth) + "/case-b1/participants",
                "{\"organisation\":\"POLITIE\",\"until\":\"2020-01-01\"}", caseDirector()), 422, "planned-end-in-past");
        assertProblem(casework.send("DELETE", cases(youth) + "/case-b1/participants/gemeente", null, caseDirector()),
                409, "organisation-directs-the-case");
        assertProblem(casework.send("PUT", cases(youth) + "/case-b1/action-plan",
                "{\"measures\":[{\"pillar\":\"CARE\",\"intervention\":\"PREMISES_CLOSURE\"}]}", caseDirector()),
                422, "measure-outside-pillar");
        assertProblem(casework.post(cases("sr-nobody-at-all-0001"), "{}", caseDirector()), 404,
                "subject-not-registered");
        // A number alone, as a BSN typed into the case number's box, is never an identifier the caller chooses.
        assertProblem(casework.post(cases(youth), "{\"caseId\":\"123456782\"}", caseDirector()), 400,
                "invalid-request");
        assertProblem(casework.post(cases(youth) + "/case-b1/interventions",
                "{\"type\":\"YOUTH_CARE\",\"interventionId\":\"1234.56.782\"}", caseDirector()), 400,
                "invalid-request");
        assertThat(casework.post(cases(youth), "{\"caseId\":\"123456782\"}", caseDirector()).body())
                .as("never repeated").doesNotContain("123456782");
        assertThat(storedEventsOf(youth)).isEqualTo(stored);

        assertThat(casework.post(cases(youth) + "/case-b1/closure", "{\"outcome\":\"MOVED_AWAY\"}", caseDirector())
                .statusCode()).isEqualTo(200);
        assertProblem(casework.post(cases(youth) + "/case-b1/participants", "{\"organisation\":\"POLITIE\"}",
                caseDirector()), 409, "case-closed");
    }

    @Test
    void anOrganisationMayBeNamedByItsCodeOrItsConstantInBodyAndPath() throws Exception {
        String youth = proposedYouth();
        CaseworkClient casework = new CaseworkClient(port);
        casework.post(cases(youth), "{\"caseId\":\"case-d1\"}", caseDirector());

        assertThat(casework.post(cases(youth) + "/case-d1/participants", "{\"organisation\":\"jeugdreclassering\"}",
                caseDirector()).statusCode()).isEqualTo(200);
        HttpResponse<String> removed = casework.send("DELETE", cases(youth) + "/case-d1/participants/JEUGDRECLASSERING",
                null, caseDirector());
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(casework.post(cases(youth) + "/case-d1/participants", "{\"organisation\":\"Halt\"}",
                caseDirector()).statusCode()).isEqualTo(200);

        assertThat(eventTypesOf(youth)).containsSubsequence("CaseParticipantAdded", "CaseParticipantRemoved",
                "CaseParticipantAdded");
        assertProblem(casework.send("DELETE", cases(youth) + "/case-d1/participants/jeugd", null, caseDirector()), 404,
                "unknown-organisation");
    }

    @Test
    void aYouthTheAssessmentDoesNotProposeGetsNoCase() throws Exception {
        String youth = new IntakeClient(port).registerNewYouth();
        assertProblem(new CaseworkClient(port).post(cases(youth), "{}", caseDirector()), 409, "subject-not-proposed");
    }

    @Test
    void aTriageAnswerWithoutAnEscalationIsRefusedAtIntake() throws Exception {
        String youth = proposedYouth();
        new CaseworkClient(port).post(cases(youth), "{\"caseId\":\"case-c1\"}", caseDirector());
        ObjectNode answer = PartnerEvents.envelope("nl.ketenbus.zvh.triage-answered.v1",
                "urn:ketenbus:org:zvh", youth);
        answer.putObject("data").put("subjectRef", youth).put("caseId", "case-c1")
                .put("outcome", "CONFERENCE_PLANNED").put("plannedOn", "2026-04-01");
        HttpResponse<String> refused = new IntakeClient(port).post(answer);
        assertProblem(refused, 422, "case-not-escalated");

        new CaseworkClient(port).post(cases(youth) + "/case-c1/zvh-escalation", """
                {"reason":"ESCALATING_RISK","goal":"RISK_ASSESSMENT","partnersToInvite":["POLITIE","JEUGDHULP"]}""",
                caseDirector());
        answer.put("id", UUID.randomUUID().toString());
        assertThat(new IntakeClient(port).post(answer).statusCode()).isEqualTo(202);
    }

    @Test
    void theSignalMeetingDecidesOnceAboutAYouthOnItsAgendaAndItsRefusalsSayWhy() throws Exception {
        String youth = proposedYouth();
        CaseworkClient casework = new CaseworkClient(port);
        String decisions = "/v1/subjects/" + youth + "/signal-meeting/decisions";
        String yesterday = LocalDate.now(ZoneId.of("Europe/Amsterdam")).minusDays(1).toString();

        assertProblem(casework.post(decisions, "{\"meetingOn\":\"" + yesterday + "\",\"decision\":\"OTHER_ROUTE\"}",
                caseDirector()), 422, "empty");
        assertProblem(casework.post(decisions, "{\"meetingOn\":\"" + yesterday + "\",\"decision\":\"FOLLOW_UP\","
                + "\"followUpOn\":\"" + yesterday + "\"}", caseDirector()), 422, "follow-up-not-later");
        assertThat(eventTypesOf(youth)).doesNotContain("SignalMeetingDecided");

        HttpResponse<String> decided = casework.post(decisions, "{\"meetingOn\":\"" + yesterday + "\","
                + "\"decision\":\"OTHER_ROUTE\",\"responsiblePartner\":\"jongerenwerk\"}", professional("gemeente"));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(201);
        assertThat(eventTypesOf(youth)).endsWith("SignalMeetingDecided");
        assertProblem(casework.post(decisions, "{\"meetingOn\":\"" + yesterday + "\",\"decision\":\"NO_ACTION\"}",
                caseDirector()), 409, "not-on-agenda");
        // Only the gemeente, which chairs the meeting, records its decisions.
        assertProblem(casework.post(decisions, "{\"meetingOn\":\"" + yesterday + "\",\"decision\":\"NO_ACTION\"}",
                professional("politie")), 403, "role-not-held");
    }

    @Test
    void aGroupsDirectorAddsTwoYouthsMovesTheGroupOnAndOneLeaves() throws Exception {
        String withCase = proposedYouth();
        String without = new IntakeClient(port).registerNewYouth();
        CaseworkClient casework = new CaseworkClient(port);
        casework.post(cases(withCase), "{\"caseId\":\"case-g1\"}", caseDirector());
        String groupId = "group-" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(casework.post("/v1/groups", "{\"groupId\":\"" + groupId + "\",\"participants\":[\"POLITIE\","
                + "\"JONGERENWERK\"]}", caseDirector()).statusCode()).isEqualTo(201);
        assertProblem(casework.post("/v1/groups", "{\"groupId\":\"" + groupId + "\"}", caseDirector()), 409,
                "group-id-used");
        String members = "/v1/groups/" + groupId + "/members";
        assertThat(casework.post(members, "{\"subjectRef\":\"" + withCase + "\",\"caseId\":\"case-g1\"}",
                caseDirector()).statusCode()).isEqualTo(200);
        assertThat(casework.post(members, "{\"subjectRef\":\"" + without + "\"}", caseDirector()).statusCode())
                .isEqualTo(200);
        assertThat(eventTypesOf(withCase)).endsWith("GroupJoined", "GroupApproachLinked");

        // Another case director of the gemeente does not direct this group; a step back is refused.
        String colleague = DevTokens.forTests().mint("gemeente", "casusregisseur-2", List.of("casusregisseur"),
                Duration.ofHours(1));
        assertProblem(casework.send("PUT", "/v1/groups/" + groupId + "/step", "{\"step\":\"DECIDED\"}", colleague),
                403, "not-the-group-director");
        assertThat(casework.send("PUT", "/v1/groups/" + groupId + "/step", "{\"step\":\"DECIDED\"}",
                caseDirector()).statusCode()).isEqualTo(200);
        assertProblem(casework.send("PUT", "/v1/groups/" + groupId + "/step", "{\"step\":\"ANALYSED\"}",
                caseDirector()), 409, "step-not-forward");
        assertThat(eventTypesOf(withCase)).endsWith("GroupStepReached");
        assertThat(eventTypesOf(without)).endsWith("GroupJoined", "GroupStepReached");

        assertThat(casework.send("DELETE", members + "/" + without, null, caseDirector()).statusCode()).isEqualTo(200);
        assertThat(eventTypesOf(without)).endsWith("GroupLeft");
        assertThat(casework.send("PUT", "/v1/groups/" + groupId + "/step", "{\"step\":\"PLANNED\"}",
                caseDirector()).statusCode()).isEqualTo(200);
        assertThat(eventTypesOf(without)).endsWith("GroupLeft");
        assertProblem(casework.send("PUT", "/v1/groups/group-none/step", "{\"step\":\"PLANNED\"}", caseDirector()),
                404, "group-not-found");
        // A youth the backbone does not know cannot join, and nothing of the group changes.
        assertProblem(casework.post(members, "{\"subjectRef\":\"sr-nobody-at-all-0002\"}", caseDirector()), 404,
                "subject-not-registered");
        assertThat(jdbc.queryForList("select subject_ref from youth_group_member where group_id = ?", String.class,
                groupId)).containsExactly(withCase);
        // Erased, the youth is forgotten as a member too.
        gateway.sendAndWait(new EraseSubject(withCase, ErasureGround.OBJECTION_UPHELD, "privacy-officer-1"));
        assertThat(jdbc.queryForList("select subject_ref from youth_group_member where group_id = ?", String.class,
                groupId)).isEmpty();
    }

    @Test
    void nothingIsRecordedAboutAYouthWhoseProcessingIsRestrictedAndItsGroupGoesOnWithoutIt() throws Exception {
        String restricted = proposedYouth();
        String other = new IntakeClient(port).registerNewYouth();
        CaseworkClient casework = new CaseworkClient(port);
        String groupId = "group-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(casework.post("/v1/groups", "{\"groupId\":\"" + groupId + "\",\"participants\":[\"POLITIE\"]}",
                caseDirector()).statusCode()).isEqualTo(201);
        String members = "/v1/groups/" + groupId + "/members";
        assertThat(casework.post(members, "{\"subjectRef\":\"" + restricted + "\"}", caseDirector()).statusCode())
                .isEqualTo(200);
        List<String> before = eventTypesOf(restricted);

        // The state the query side's restriction leaves here (RestrictionIT goes through both services).
        jdbc.update("insert into processing_restriction (subject_ref, ground, decided_by, restricted_at) "
                + "values (?, 'ACCURACY_CONTESTED', 'privacy-officer-1', now())", restricted);
        assertProblem(casework.post(cases(restricted), "{\"caseId\":\"case-r1\"}", caseDirector()), 409,
                "processing-restricted");
        assertProblem(casework.post("/v1/subjects/" + restricted + "/signal-meeting/decisions",
                "{\"meetingOn\":\"" + LocalDate.now().minusDays(1) + "\",\"decision\":\"NO_ACTION\"}", caseDirector()),
                409, "processing-restricted");
        String second = "group-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(casework.post("/v1/groups", "{\"groupId\":\"" + second + "\",\"participants\":[\"POLITIE\"]}",
                caseDirector()).statusCode()).isEqualTo(201);
        assertProblem(casework.post("/v1/groups/" + second + "/members", "{\"subjectRef\":\"" + restricted + "\"}",
                caseDirector()), 409, "processing-restricted");
        // The group goes on: its other member's step is recorded, the restricted one's is not.
        assertThat(casework.post(members, "{\"subjectRef\":\"" + other + "\"}", caseDirector()).statusCode())
                .isEqualTo(200);
        assertThat(casework.send("PUT", "/v1/groups/" + groupId + "/step", "{\"step\":\"DECIDED\"}",
                caseDirector()).statusCode()).isEqualTo(200);
        assertThat(eventTypesOf(other)).endsWith("GroupJoined", "GroupStepReached");
        assertThat(eventTypesOf(restricted)).isEqualTo(before);

        // Erased, nothing of the youth is left to restrict.
        gateway.sendAndWait(new EraseSubject(restricted, ErasureGround.OBJECTION_UPHELD, "privacy-officer-1"));
        assertThat(jdbc.queryForList("select subject_ref from processing_restriction where subject_ref = ?",
                String.class, restricted)).isEmpty();
    }

    @Test
    void aGroupsStepTakesNoPositionInTheStoreWhileAMemberIsStillToBeLocked() throws Exception {
        CaseworkClient casework = new CaseworkClient(port);
        String groupId = "group-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(casework.post("/v1/groups", "{\"groupId\":\"" + groupId + "\",\"participants\":[\"POLITIE\"]}",
                caseDirector()).statusCode()).isEqualTo(201);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            members.add(new IntakeClient(port).registerNewYouth());
            assertThat(casework.post("/v1/groups/" + groupId + "/members", "{\"subjectRef\":\"" + members.get(i)
                    + "\"}", caseDirector()).statusCode()).isEqualTo(200);
        }
        // Each member in turn is the one another transaction holds: sent one by one, the other's fact
        // would take its position first whichever order the members are visited in.
        GroupStep[] steps = {GroupStep.ANALYSED, GroupStep.DECIDED};
        for (int turn = 0; turn < 2; turn++) {
            String held = members.get(turn);
            try (Connection holder = dataSource.getConnection()) {
                holder.createStatement().execute("select pg_advisory_lock(hashtextextended('" + held + "', 0))");
                long positionBefore = lastPositionTaken();
                String step = steps[turn].name();
                CompletableFuture<HttpResponse<String>> advanced = CompletableFuture.supplyAsync(() -> {
                    try {
                        return casework.send("PUT", "/v1/groups/" + groupId + "/step", "{\"step\":\"" + step + "\"}",
                                caseDirector());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select count(*) from "
                        + "pg_stat_activity where wait_event_type = 'Lock' and wait_event = 'advisory'", Long.class) > 0);

                assertThat(lastPositionTaken()).as("no position taken while " + held + " waits").isEqualTo(positionBefore);
                holder.createStatement().execute("select pg_advisory_unlock_all()");
                assertThat(advanced.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        }
        for (String member : members) {
            assertThat(eventTypesOf(member)).endsWith("GroupStepReached", "GroupStepReached");
        }
    }

    /** The last position the store's sequence handed out, committed or not. */
    private long lastPositionTaken() {
        return jdbc.queryForObject("select last_value from domain_event_entry_global_index_seq", Long.class);
    }

    @Test
    void anInterventionFromAPartnerWithoutAPartInTheCaseTellsItNothingAboutTheYouth() throws Exception {
        CaseworkClient casework = new CaseworkClient(port);
        String withOpenCase = proposedYouth();
        assertThat(casework.post(cases(withOpenCase), "{\"caseId\":\"case-n1\"}", caseDirector()).statusCode())
                .isEqualTo(201);
        String withClosedCase = proposedYouth();
        assertThat(casework.post(cases(withClosedCase), "{\"caseId\":\"case-n1\"}", caseDirector()).statusCode())
                .isEqualTo(201);
        assertThat(casework.post(cases(withClosedCase) + "/case-n1/closure", "{\"outcome\":\"MOVED_AWAY\"}",
                caseDirector()).statusCode()).isEqualTo(200);
        String erased = proposedYouth();
        gateway.sendAndWait(new EraseSubject(erased, ErasureGround.OBJECTION_UPHELD, "privacy-officer-1"));
        String registeredWithoutCase = new IntakeClient(port).registerNewYouth();
        // A restriction (ADR 0025) is told to a partner that takes part, and to no other.
        String restrictedWithCase = proposedYouth();
        assertThat(casework.post(cases(restrictedWithCase), "{\"caseId\":\"case-n1\"}", caseDirector())
                .statusCode()).isEqualTo(201);
        String restrictedWithPart = proposedYouth();
        assertThat(casework.post(cases(restrictedWithPart), "{\"caseId\":\"case-n1\"}", caseDirector())
                .statusCode()).isEqualTo(201);
        assertThat(casework.post(cases(restrictedWithPart) + "/case-n1/participants",
                "{\"organisation\":\"JEUGDHULP\"}", caseDirector()).statusCode()).isEqualTo(200);
        for (String restricted : List.of(restrictedWithCase, restrictedWithPart)) {
            jdbc.update("insert into processing_restriction (subject_ref, ground, decided_by, restricted_at) "
                    + "values (?, 'ACCURACY_CONTESTED', 'privacy-officer-1', now())", restricted);
        }
        long stored = storedEventsOf(restrictedWithPart);
        assertProblem(casework.post(cases(restrictedWithPart) + "/case-n1/interventions",
                "{\"type\":\"YOUTH_CARE\"}", professional("jeugdhulp")), 409, "processing-restricted");
        assertThat(storedEventsOf(restrictedWithPart)).isEqualTo(stored);

        List<String> answers = new ArrayList<>();
        for (String youth : List.of(withOpenCase, withClosedCase, erased, registeredWithoutCase,
                "sr-nobody-at-all-0003", restrictedWithCase)) {
            HttpResponse<String> answer = casework.post(cases(youth) + "/case-n1/interventions",
                    "{\"type\":\"YOUTH_CARE\"}", professional("jeugdhulp"));
            assertProblem(answer, 403, "not-a-participant");
            answers.add(((ObjectNode) JSON.readTree(answer.body())).without("instance").toString());
        }
        assertThat(answers).as("one answer whatever the youth's state").containsOnly(answers.get(0));
    }

    @Test
    void describesEveryEndpointInOpenApi() throws Exception {
        HttpResponse<String> description = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(description.statusCode()).isEqualTo(200);
        List<String> served = mappings.getHandlerMethods().keySet().stream()
                .flatMap(info -> info.getPatternValues().stream()).filter(path -> path.startsWith("/v1/")).toList();
        assertThat(served).contains("/v1/events", "/v1/subjects/{subjectRef}/cases",
                "/v1/subjects/{subjectRef}/cases/{caseId}/interventions/{interventionId}/stop");
        List<String> described = new ArrayList<>();
        JSON.readTree(description.body()).get("paths").fieldNames().forEachRemaining(described::add);
        assertThat(described).containsAll(served);
    }

    /** A youth of 16 with signals of two organisations: matched, and proposed for the PGA. */
    private String proposedYouth() throws Exception {
        IntakeClient intake = new IntakeClient(port);
        String youth = intake.registerNewYouth();
        assertThat(intake.post(signalRaised(youth, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"))
                .statusCode()).isEqualTo(202);
        assertThat(intake.post(signalRaised(youth, "urn:ketenbus:org:jongerenwerk", "LOCATIE",
                "FOUND_FAR_OUTSIDE_OWN_AREA")).statusCode()).isEqualTo(202);
        assertThat(eventTypesOf(youth)).contains("SignalsMatched", "TargetGroupAssessed");
        return youth;
    }

    private List<String> eventTypesOf(String youth) {
        return jdbc.queryForList("select payload_type from domain_event_entry where aggregate_identifier = ? "
                        + "order by sequence_number", String.class, youth).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private static String cases(String youth) {
        return "/v1/subjects/" + youth + "/cases";
    }

    private static void assertProblem(HttpResponse<String> response, int status, String problem) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("type").asText()).isEqualTo("urn:ketenbus:problem:" + problem);
        assertThat(body.get("detail").asText()).isNotBlank();
    }
}
