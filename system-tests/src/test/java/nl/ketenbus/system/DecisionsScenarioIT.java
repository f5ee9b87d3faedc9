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
 * The decisions of casework part two through both services: the signal meeting accepts a youth's
 * proposal and the youth leaves its agenda; the case table refers the case to team ondermijning,
 * which takes it up; the mayor imposes an area ban that ends by itself after its last day; the police
 * see a breach; the OM settles; the youth and another form a group in the group approach with the
 * police taking part. The case director, the police and team ondermijning then each read what their
 * rules give them, and no more.
 */
class DecisionsScenarioIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String DIRECTOR = user("gemeente", "casusregisseur-1", "casusregisseur");
    private static final String OOV = user("gemeente", "oov-1", "professional");
    private static final String POLICE = user("politie", "politie-1", "professional");
    private static final String ONDERMIJNING = user("ondermijning", "ondermijning-1", "professional");

    @Test
    void fromTheSignalMeetingsDecisionToMeasuresReadByEachAsItsRulesSay() throws Exception {
        Backbone backbone = new Backbone();
        try (ServiceProcess command = backbone.startCommandService();
             ServiceProcess query = backbone.startQueryService()) {
            String youth = Backbone.identify(command, Backbone.randomBsn());
            accepted(command, signalRaised(youth, "politie", "2026-02-02T16:00:00+01:00", "BEZIT", "MULTIPLE_PHONES"));
            accepted(command, signalRaised(youth, "jongerenwerk", "2026-02-20T21:00:00+01:00", "LOCATIE",
                    "FOUND_FAR_OUTSIDE_OWN_AREA"));
            String agendaPath = "/v1/signal-meeting/agenda?since=" + today().minusDays(1);
            await().atMost(PATIENCE).until(() -> call(query, "GET", agendaPath, null, POLICE).body(),
                    body -> body != null && contains(body.get("proposals"), youth));

            // The meeting accepts the proposal (OOV records it); the youth leaves the agenda.
            String yesterday = today().minusDays(1).toString();
            assertThat(call(command, "POST", "/v1/subjects/" + youth + "/signal-meeting/decisions",
                    "{\"meetingOn\":\"" + yesterday + "\",\"decision\":\"PGA_PROPOSAL_ACCEPTED\"}", OOV).status())
                    .isEqualTo(201);
            await().atMost(PATIENCE).until(() -> call(query, "GET", agendaPath, null, POLICE).body(),
                    body -> body != null && !contains(body.get("proposals"), youth)
                            && !contains(body.get("matches"), youth));

            String theCase = "/v1/subjects/" + youth + "/cases/pga-decisions";
            assertThat(call(command, "POST", "/v1/subjects/" + youth + "/cases", "{\"caseId\":\"pga-decisions\"}",
                    DIRECTOR).status()).isEqualTo(201);
            assertThat(call(command, "POST", theCase + "/riec-referral", "{\"reason\":\"CRIMINAL_EARNINGS\"}",
                    DIRECTOR).status()).isEqualTo(200);
            String now = OffsetDateTime.now().withNano(0).toString();
            accepted(command, envelope("nl.ketenbus.ondermijning.riec-referral-answered.v1", "ondermijning", youth,
                    now, data(youth, "\"caseId\":\"pga-decisions\",\"outcome\":\"TAKEN_UP\"")));
            // An area ban whose last day was yesterday: it ends by itself (the backbone records it).
            accepted(command, envelope("nl.ketenbus.measure.imposed.v1", "gemeente", youth, now, data(youth,
                    "\"measureId\":\"oov-ban-1\",\"measure\":\"AREA_BAN\",\"legalArticle\":\"APV_2_78\","
                            + "\"placeKind\":\"TOWN_CENTRE\",\"areaCode\":\"WK039401\",\"startsOn\":\""
                            + today().minusDays(30) + "\",\"endsOn\":\"" + yesterday + "\","
                            + "\"caseId\":\"pga-decisions\"")));
            accepted(command, envelope("nl.ketenbus.measure.breached.v1", "politie", youth, now, data(youth,
                    "\"measureId\":\"oov-ban-1\",\"breachId\":\"pol-m-1\",\"observedOn\":\""
                            + today().minusDays(10) + "\"")));
            accepted(command, envelope("nl.ketenbus.om.prosecution-decided.v1", "om", youth, now, data(youth,
                    "\"decisionId\":\"om-1\",\"decision\":\"SETTLED\",\"decidedOn\":\"" + yesterday + "\"")));

            String directorTimeline = "/v1/subjects/" + youth + "/timeline?purpose=pga-casusregie&size=100";
            JsonNode director = await().atMost(PATIENCE).until(() -> call(query, "GET", directorTimeline, null,
                    DIRECTOR).body(), body -> body != null && types(body).contains("nl.ketenbus.measure.ended.v1")
                    && types(body).contains("nl.ketenbus.om.prosecution-decided.v1"));
            assertThat(types(director)).contains("nl.ketenbus.case.signal-meeting-decided.v1",
                    "nl.ketenbus.measure.imposed.v1", "nl.ketenbus.measure.breached.v1",
                    "nl.ketenbus.ondermijning.riec-referral-answered.v1");
            JsonNode ended = entry(director, "nl.ketenbus.measure.ended.v1");
            assertThat(ended.at("/data/reason").asText()).isEqualTo("END_DATE_REACHED");
            assertThat(ended.at("/data/endedOn").asText()).isEqualTo(yesterday);
            assertThat(call(query, "GET", "/v1/subjects/" + youth + "/case", null, DIRECTOR).body()
                    .at("/riecReferrals/0/outcome").asText()).isEqualTo("TAKEN_UP");

            // The police enforce the ban: which, where, until when; not the case, not the OM's decision.
            JsonNode police = call(query, "GET", "/v1/subjects/" + youth
                    + "/timeline?purpose=bestuurlijke-handhaving", null, POLICE).body();
            assertThat(types(police)).containsExactlyInAnyOrder("nl.ketenbus.measure.imposed.v1",
                    "nl.ketenbus.measure.ended.v1");
            JsonNode ban = entry(police, "nl.ketenbus.measure.imposed.v1");
            assertThat(ban.at("/data/areaCode").asText()).isEqualTo("WK039401");
            assertThat(ban.get("data").has("caseId")).isFalse();

            // Team ondermijning: the referral and its own answer; no measure, no OM decision.
            JsonNode team = call(query, "GET", "/v1/subjects/" + youth + "/timeline?purpose=aanpak-ondermijning",
                    null, ONDERMIJNING).body();
            assertThat(types(team)).containsExactlyInAnyOrder("nl.ketenbus.case.riec-referral-proposed.v1",
                    "nl.ketenbus.ondermijning.riec-referral-answered.v1");

            // A group of two youths; the police take part in its approach, team ondermijning does not.
            String other = Backbone.identify(command, Backbone.randomBsn());
            assertThat(call(command, "POST", "/v1/groups", "{\"groupId\":\"group-scenario\","
                    + "\"participants\":[\"POLITIE\"]}", DIRECTOR).status()).isEqualTo(201);
            assertThat(call(command, "POST", "/v1/groups/group-scenario/members", "{\"subjectRef\":\"" + youth
                    + "\",\"caseId\":\"pga-decisions\"}", DIRECTOR).status()).isEqualTo(200);
            assertThat(call(command, "POST", "/v1/groups/group-scenario/members", "{\"subjectRef\":\"" + other
                    + "\"}", DIRECTOR).status()).isEqualTo(200);
            assertThat(call(command, "PUT", "/v1/groups/group-scenario/step", "{\"step\":\"DECIDED\"}", DIRECTOR)
                    .status()).isEqualTo(200);
            JsonNode group = await().atMost(PATIENCE).until(() -> call(query, "GET", "/v1/groups/group-scenario",
                    null, POLICE).body(), body -> body != null && body.has("members") && body.get("members").size() == 2
                    && "DECIDED".equals(body.path("step").asText()));
            assertThat(group.get("director").asText()).isEqualTo("casusregisseur-1");
            assertThat(call(query, "GET", "/v1/groups/group-scenario", null, DIRECTOR).body().get("members"))
                    .hasSize(2);
            assertThat(call(query, "GET", "/v1/groups/group-scenario?purpose=groepsaanpak", null, ONDERMIJNING)
                    .status()).isEqualTo(403);
            // The case's own readers see the case linked to the group; the police, not at the case table, do not.
            assertThat(call(query, "GET", "/v1/subjects/" + youth + "/case", null, DIRECTOR).body()
                    .get("groupApproaches")).extracting(JsonNode::asText).containsExactly("group-scenario");
        }
    }

    private static String data(String youth, String fields) {
        return "{\"subjectRef\":\"" + youth + "\"," + fields + "}";
    }

    private static List<String> types(JsonNode timeline) {
        List<String> types = new ArrayList<>();
        timeline.get("entries").forEach(entry -> types.add(entry.get("type").asText()));
        return types;
    }

    private static JsonNode entry(JsonNode timeline, String type) {
        for (JsonNode entry : timeline.get("entries")) {
            if (entry.get("type").asText().equals(type)) {
                return entry;
            }
        }
        throw new AssertionError("no " + type + " in " + timeline);
    }

    private static boolean contains(JsonNode items, String youth) {
        if (items == null) {
            return false;
        }
        for (JsonNode item : items) {
            if (item.get("subjectRef").asText().equals(youth)) {
                return true;
            }
        }
        return false;
    }
}
