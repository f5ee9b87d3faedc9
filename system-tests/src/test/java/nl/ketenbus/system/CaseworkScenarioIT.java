package nl.ketenbus.system;

import static nl.ketenbus.system.Backbone.accepted;
import static nl.ketenbus.system.Backbone.call;
import static nl.ketenbus.system.Backbone.envelope;
import static nl.ketenbus.system.Backbone.signalRaised;
import static nl.ketenbus.system.Backbone.today;
import static nl.ketenbus.system.Backbone.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.devinfra.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * The approach from first signals to a closed case, through both services: partners signal, the
 * backbone matches and proposes, the signal meeting sees it on its agenda, the case director opens
 * and directs the case, a partner runs an intervention, the ZVH answers an escalation, and the case
 * closes, after which need-to-know ends.
 */
class CaseworkScenarioIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String DIRECTOR = user("gemeente", "casusregisseur-1", "casusregisseur");
    private static final String OOV = user("gemeente", "oov-1", "professional");
    private static final String POLICE = user("politie", "politie-1", "professional");
    private static final String YOUTH_CARE = user("jeugdhulp", "jeugdhulp-1", "professional");
    private static final String PRIVACY_OFFICER = user("gemeente", "privacy-officer-1", "privacy-officer");

    @Test
    void fromFirstSignalsToAClosedCase() throws Exception {
        Backbone backbone = new Backbone();
        try (ServiceProcess command = backbone.startCommandService();
             ServiceProcess query = backbone.startQueryService()) {
            String bsn = Backbone.randomBsn();
            String youth = Backbone.identify(command, bsn);
            accepted(command, signalRaised(youth, "politie", "2026-02-02T16:00:00+01:00", "BEZIT",
                    "MULTIPLE_PHONES"));
            accepted(command, signalRaised(youth, "jongerenwerk", "2026-02-20T21:00:00+01:00",
                    "LOCATIE", "FOUND_FAR_OUTSIDE_OWN_AREA"));

            // The signal meeting: both organisations matched (not what they saw), the youth proposed.
            String agendaPath = "/v1/signal-meeting/agenda?since=" + today().minusDays(1);
            JsonNode agenda = await().atMost(PATIENCE).until(() -> call(query, "GET", agendaPath, null, POLICE).body(),
                    body -> body != null && contains(body.get("proposals"), youth));
            assertThat(contains(agenda.get("matches"), youth)).isTrue();
            // The meeting discusses a person: while the youth is on the agenda its members see the name
            // and date of birth (AGD-07 for the police), never the address.
            JsonNode proposed = agenda.get("proposals").get(0);
            assertThat(proposed.at("/youth/familyName").asText()).isEqualTo("Testpersoon");
            assertThat(proposed.at("/youth/rule").asText()).isEqualTo("AGD-07");
            assertThat(proposed.path("youth").path("address").isNull()).isTrue();

            String cases = "/v1/subjects/" + youth + "/cases";
            assertThat(call(command, "POST", cases, "{\"caseId\":\"pga-scenario\"}", DIRECTOR).status()).isEqualTo(201);
            String theCase = cases + "/pga-scenario";
            assertThat(call(command, "POST", theCase + "/participants", "{\"organisation\":\"JEUGDHULP\"}", DIRECTOR)
                    .status()).isEqualTo(200);
            assertThat(call(command, "POST", theCase + "/conferences", """
                    {"heldOn":"%s","participants":["GEMEENTE","POLITIE","JEUGDHULP"],"decisions":["AGREE_ACTION_PLAN"]}"""
                    .formatted(today()), DIRECTOR).status()).isEqualTo(200);
            assertThat(call(command, "PUT", theCase + "/action-plan", """
                    {"measures":[{"pillar":"CARE","intervention":"FORENSIC_COACH"},
                                 {"pillar":"ADMINISTRATIVE","intervention":"AREA_BAN"}]}""", DIRECTOR).status())
                    .isEqualTo(200);
            assertThat(call(command, "POST", theCase + "/interventions",
                    "{\"interventionId\":\"jh-coach-1\",\"type\":\"FORENSIC_COACH\"}", YOUTH_CARE).status())
                    .isEqualTo(201);
            assertThat(call(command, "POST", theCase + "/zvh-escalation", """
                    {"reason":"ESCALATING_RISK","goal":"JOINT_PLAN_OF_APPROACH","partnersToInvite":["POLITIE","JEUGDHULP"]}""",
                    DIRECTOR).status()).isEqualTo(200);
            // From the escalation on the ZVH takes part in the case it triages (ZVH-01).
            String zvh = user("zvh", "zvh-1", "professional");
            await().atMost(PATIENCE).until(() -> call(query, "GET", "/v1/subjects/" + youth
                    + "/case?purpose=zvh-escalatie", null, zvh).status() == 200);
            accepted(command, envelope("nl.ketenbus.zvh.triage-answered.v1", "zvh", youth,
                    OffsetDateTime.now().withNano(0).toString(), """
                    {"subjectRef":"%s","caseId":"pga-scenario","outcome":"CONFERENCE_PLANNED","plannedOn":"2026-03-24"}"""
                            .formatted(youth)));

            // The case director's case view: participants, plan, the partner's intervention, the ZVH's answer.
            String view = "/v1/subjects/" + youth + "/case";
            JsonNode caseView = await().atMost(PATIENCE).until(() -> call(query, "GET", view, null, DIRECTOR).body(),
                    body -> body != null && body.has("escalations") && body.get("escalations").size() == 1
                            && !body.get("escalations").get(0).get("triage").isNull());
            assertThat(caseView.get("director").asText()).isEqualTo("casusregisseur-1");
            assertThat(caseView.get("escalations").get(0).get("triage").asText()).isEqualTo("CONFERENCE_PLANNED");
            assertThat(caseView.get("interventions").get(0).get("recordedBy").asText()).isEqualTo("jeugdhulp");
            assertThat(caseView.at("/actionPlan/version").asInt()).isEqualTo(1);
            assertThat(caseView.at("/youth/familyName").asText()).isEqualTo("Testpersoon");
            // The police professional takes no part in the case: no case, while the director sees it all.
            assertThat(call(query, "GET", view, null, POLICE).status()).isEqualTo(404);
            JsonNode workList = call(query, "GET", "/v1/work-list", null, DIRECTOR).body();
            assertThat(contains(workList.get("cases"), youth)).isTrue();
            assertThat(workList.at("/cases/0/youth/familyName").asText()).isEqualTo("Testpersoon");

            // Who the youth is: the case director's timeline names them (PGA-01), so does the partner's
            // at the case table (PGA-06: name and date of birth). Each reveal is logged with its rule and
            // the fields' names.
            String caseTimeline = "/v1/subjects/" + youth + "/timeline?purpose=pga-casusregie";
            JsonNode named = call(query, "GET", caseTimeline, null, DIRECTOR).body();
            assertThat(named.at("/youth/familyName").asText()).isEqualTo("Testpersoon");
            assertThat(named.at("/youth/dateOfBirth").asText()).isEqualTo("2010-05-01");
            assertThat(named.at("/youth/rule").asText()).isEqualTo("PGA-01");
            JsonNode atTheTable = call(query, "GET", caseTimeline, null, YOUTH_CARE).body();
            assertThat(atTheTable.at("/youth/familyName").asText()).isEqualTo("Testpersoon");
            assertThat(atTheTable.at("/youth/rule").asText()).isEqualTo("PGA-06");
            assertThat(backbone.queryColumn("select action || ' ' || user_id || ' ' || detail || ' ' "
                    + "|| array_to_string(rule_ids, ',') from access_log where subject_ref = ? "
                    + "and detail like 'revealed %' and action like 'timeline%' order by seq", youth))
                    .containsExactly("timeline.read casusregisseur-1 revealed familyName,dateOfBirth PGA-01",
                            "timeline.read jeugdhulp-1 revealed familyName,dateOfBirth PGA-02,PGA-06");
            assertThat(backbone.queryColumn("select distinct action from access_log where subject_ref = ? "
                    + "and detail like 'revealed %'", youth)).contains("case.read", "work-list.read");

            // Finding the youth by BSN: the case director (with the name) and the privacy officer; a youth
            // the director may not see answers like an unknown one; the police and a wrong number may not.
            Backbone.Answer found = call(query, "POST", "/v1/subjects/search", search(bsn, null), DIRECTOR);
            assertThat(found.status()).isEqualTo(200);
            assertThat(found.body().get("subjectRef").asText()).isEqualTo(youth);
            assertThat(found.body().at("/youth/familyName").asText()).isEqualTo("Testpersoon");
            Backbone.Answer forOfficer = call(query, "POST", "/v1/subjects/search", search(bsn, null), PRIVACY_OFFICER);
            assertThat(forOfficer.body().get("subjectRef").asText()).isEqualTo(youth);
            assertThat(forOfficer.body().path("youth").path("familyName").isMissingNode()).isTrue();
            String otherBsn = Backbone.randomBsn();
            String other = Backbone.identify(command, otherBsn);
            await().atMost(PATIENCE).until(() -> backbone.queryColumn(
                    "select count(*) from timeline_entry where subject_ref = ?", other).equals(List.of("1")));
            Backbone.Answer notVisible = call(query, "POST", "/v1/subjects/search", search(otherBsn, null), DIRECTOR);
            Backbone.Answer unknown = call(query, "POST", "/v1/subjects/search", search(Backbone.randomBsn(), null),
                    DIRECTOR);
            assertThat(notVisible.status()).isEqualTo(404);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(notVisible.body()).isEqualTo(unknown.body());
            assertThat(call(query, "POST", "/v1/subjects/search", search(bsn, "signaaloverleg"), POLICE).status())
                    .isEqualTo(403);
            // By name and date of birth: both youths share them; the director finds the one with a case
            // (however the name is written), the privacy officer both.
            String byName = "{\"familyName\":\"TESTPERSOON \",\"dateOfBirth\":\"2010-05-01\"}";
            JsonNode byNameFound = call(query, "POST", "/v1/subjects/search-by-name", byName, DIRECTOR).body();
            assertThat(byNameFound.get("found")).hasSize(1);
            assertThat(byNameFound.at("/found/0/subjectRef").asText()).isEqualTo(youth);
            assertThat(byNameFound.at("/found/0/youth/familyName").asText()).isEqualTo("Testpersoon");
            List<String> forTheOfficer = new ArrayList<>();
            call(query, "POST", "/v1/subjects/search-by-name", byName, PRIVACY_OFFICER).body().get("found")
                    .forEach(each -> forTheOfficer.add(each.get("subjectRef").asText()));
            assertThat(forTheOfficer).containsExactlyInAnyOrder(youth, other);
            Backbone.Answer invalid = call(query, "POST", "/v1/subjects/search", search("123456789", null), DIRECTOR);
            assertThat(invalid.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:invalid-bsn");
            assertThat(backbone.queryColumn("select status || ' ' || user_id || ' ' || coalesce(detail, '') "
                    + "from access_log where action = 'subject.search' and subject_ref in (?, ?) "
                    + "and detail like 'search by bsn%' order by seq",
                    youth, other)).containsExactly(
                    "ok casusregisseur-1 search by bsn: found; revealed familyName,dateOfBirth",
                    "ok privacy-officer-1 search by bsn: found", "ok casusregisseur-1 search by bsn: no youth found");
            // Another organisation's privacy officer finds only a youth its organisation dealt with (ADR 0034):
            // youth care read the youth at its case table, and nothing of the other youth.
            String youthCareOfficer = user("jeugdhulp", "jeugdhulp-privacy-officer", "privacy-officer");
            assertThat(call(query, "POST", "/v1/subjects/search", search(bsn, null), youthCareOfficer).body()
                    .get("subjectRef").asText()).isEqualTo(youth);
            Backbone.Answer notKnownThere = call(query, "POST", "/v1/subjects/search", search(otherBsn, null),
                    youthCareOfficer);
            assertThat(notKnownThere.status()).isEqualTo(404);
            assertThat(notKnownThere.body()).isEqualTo(unknown.body());
            List<String> forYouthCare = new ArrayList<>();
            call(query, "POST", "/v1/subjects/search-by-name", byName, youthCareOfficer).body().get("found")
                    .forEach(each -> forYouthCare.add(each.get("subjectRef").asText()));
            assertThat(forYouthCare).containsExactly(youth);
            // Youth work's people read nothing here, but its system recorded a signal about the youth.
            String youthWorkOfficer = user("jongerenwerk", "jongerenwerk-privacy-officer", "privacy-officer");
            assertThat(call(query, "POST", "/v1/subjects/search", search(bsn, null), youthWorkOfficer).body()
                    .get("subjectRef").asText()).isEqualTo(youth);
            assertThat(call(query, "POST", "/v1/subjects/search", search(bsn, null),
                    user("halt", "halt-privacy-officer", "privacy-officer")).status()).isEqualTo(404);

            // The youth's access report lists every read of this test that showed data, by kind, and
            // what is held about the youth, from whom, why and how long.
            JsonNode report = call(query, "GET", "/v1/audit/subjects/" + youth + "/access-report", null,
                    PRIVACY_OFFICER).body();
            List<String> kinds = new ArrayList<>();
            int consultations = 0;
            for (JsonNode consultation : report.get("consultations")) {
                kinds.add(consultation.get("kind").asText() + (consultation.get("identityRevealed").asBoolean()
                        ? " met naam" : ""));
                consultations += consultation.get("times").asInt();
            }
            assertThat(kinds).contains("tijdlijn met naam", "casusoverzicht met naam",
                    "werklijst casusregisseur met naam", "agenda signaaloverleg met naam", "gezocht op BSN met naam",
                    "gezocht op naam met naam");
            // The privacy officers' own searches for the youth are oversight, not a consultation for the youth.
            assertThat(kinds).doesNotContain("gezocht op BSN", "gezocht op naam");
            assertThat((long) consultations).isEqualTo(Long.parseLong(backbone.queryColumn("select count(*) "
                    + "from access_log where subject_ref = ? and status = 'ok' and action not like 'audit.%' "
                    + "and purpose <> 'privacy-oversight' "
                    + "and (entries_shown > 0 or detail like 'revealed %' or detail like 'search by bsn: found%' "
                    + "or detail like 'search by name and date of birth: found%')",
                    youth).get(0)));
            List<String> held = new ArrayList<>();
            report.get("held").forEach(category -> held.add(category.get("category").asText() + " "
                    + category.get("sourceOrganisation").asText() + " " + category.get("retention").asText()));
            assertThat(held).contains("IDENTITY politie P5Y", "SIGNAL politie P1Y", "SIGNAL jongerenwerk P1Y",
                    "CASE gemeente P5Y");
            // The backbone's own conclusions, which no partner publishes, with the purposes of the rules that
            // share them (art. 15(1)(a)).
            assertThat(report.get("held")).anySatisfy(category -> {
                assertThat(category.get("category").asText()).isEqualTo("ASSESSMENT");
                assertThat(category.get("purposes")).extracting(JsonNode::asText).contains("signaaloverleg");
                assertThat(category.get("legalBases")).isNotEmpty();
            });
            // What the backbone assessed by itself, with the rule it applied (AVG art. 15(1)(h), ADR 0028).
            JsonNode assessed = report.get("automatedAssessment");
            assertThat(assessed.get("criteria").toString()).isEqualTo("{\"youngest\":12,\"oldest\":21,"
                    + "\"mostAntecedents\":2,\"fewestIndicators\":2,\"matchingOrganisations\":2}");
            assertThat(assessed.at("/matches/0/organisations")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("POLITIE", "JONGERENWERK");
            assertThat(assessed.get("assessments")).anySatisfy(assessment -> {
                assertThat(assessment.get("outcome").asText()).isEqualTo("CRIMINELE_AANWAS");
                assertThat(assessment.get("indicators").asInt()).isGreaterThanOrEqualTo(2);
            });

            // A youth nobody else signalled about is not on the agenda: the police at the signal meeting
            // sees its signal under the pseudonym only.
            String loner = Backbone.identify(command, Backbone.randomBsn());
            accepted(command, signalRaised(loner, "politie", "2026-02-03T16:00:00+01:00", "BEZIT", "MULTIPLE_PHONES"));
            JsonNode outside = await().atMost(PATIENCE).until(() -> call(query, "GET", "/v1/subjects/" + loner
                            + "/timeline?purpose=signaaloverleg", null, POLICE).body(),
                    body -> body.path("totalEntries").asInt() > 0);
            assertThat(outside.path("youth").path("familyName").isMissingNode()).isTrue();

            // A correction (AVG art. 16): youth care knows the family name better now. The director sees
            // the new name, the date of birth as identified; the stored correction holds it sealed only.
            accepted(command, envelope("nl.ketenbus.subject.correction.v1", "jeugdhulp", youth,
                    OffsetDateTime.now().withNano(0).toString(),
                    "{\"subjectRef\":\"%s\",\"familyName\":\"Testpersoon-Bakker\"}".formatted(youth)));
            JsonNode corrected = await().atMost(PATIENCE).until(() -> call(query, "GET", caseTimeline, null, DIRECTOR)
                    .body(), body -> "Testpersoon-Bakker".equals(body.at("/youth/familyName").asText()));
            assertThat(corrected.at("/youth/dateOfBirth").asText()).isEqualTo("2010-05-01");
            assertThat(backbone.queryColumn("select data::text from timeline_entry where subject_ref = ? "
                    + "and event_type = 'nl.ketenbus.subject.personal-data-corrected.v1'", youth).get(0))
                    .doesNotContain("Bakker");
            assertThat(call(query, "GET", agendaPath, null, POLICE).body().get("matches")
                    .findValuesAsText("familyName")).contains("Testpersoon-Bakker");

            assertThat(call(command, "POST", theCase + "/closure", "{\"outcome\":\"GOALS_ACHIEVED\"}", DIRECTOR)
                    .status()).isEqualTo(200);
            // Closed: the running intervention was stopped with it, nothing changes it any more, and
            // the case leaves the work list; its director reads it on for the covenant's
            // closedCaseReading period (ADR 0018), every other participant not at all.
            assertThat(call(command, "POST", theCase + "/participants", "{\"organisation\":\"POLITIE\"}", DIRECTOR)
                    .body().get("type").asText()).isEqualTo("urn:ketenbus:problem:case-closed");
            await().atMost(PATIENCE).until(() -> !contains(call(query, "GET", "/v1/work-list", null, DIRECTOR)
                    .body().get("cases"), youth));
            await().atMost(PATIENCE).until(() -> call(query, "GET", view, null, YOUTH_CARE).status() == 404);
            assertThat(call(query, "GET", view, null, DIRECTOR).body().get("status").asText()).isEqualTo("CLOSED");
            // OOV still has the signal meeting's view of the youth: signals, the match, the assessment,
            // and, while the youth is on the agenda, who it is (the registration and the correction)
            // and what became of its proposal: a case was opened (AGD-15), nothing of the case itself.
            JsonNode meeting = call(query, "GET", "/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg", null,
                    OOV).body();
            assertThat(meeting.get("totalEntries").asInt()).isEqualTo(7);
            assertThat(meeting.get("entries").findValuesAsText("type")).contains("nl.ketenbus.case.opened.v1")
                    .doesNotContain("nl.ketenbus.case.conference-held.v1", "nl.ketenbus.case.closed.v1");
            assertThat(meeting.at("/youth/familyName").asText()).isEqualTo("Testpersoon-Bakker");
        }
    }

    private static String search(String bsn, String purpose) {
        return purpose == null ? "{\"bsn\":\"%s\"}".formatted(bsn)
                : "{\"bsn\":\"%s\",\"purpose\":\"%s\"}".formatted(bsn, purpose);
    }

    private static boolean contains(JsonNode items, String youth) {
        if (items == null) {
            return false;
        }
        for (JsonNode item : items) {
            if (youth.equals(item.path("subjectRef").asText())) {
                return true;
            }
        }
        return false;
    }
}
