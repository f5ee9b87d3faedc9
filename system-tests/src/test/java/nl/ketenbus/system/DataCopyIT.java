package nl.ketenbus.system;

import static nl.ketenbus.system.Backbone.accepted;
import static nl.ketenbus.system.Backbone.call;
import static nl.ketenbus.system.Backbone.signalRaised;
import static nl.ketenbus.system.Backbone.today;
import static nl.ketenbus.system.Backbone.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * The copy of a youth's data (AVG art. 15(3), ADR 0027) through both services: the gemeente's privacy
 * officer gets every fact the backbone holds, the store's archive included, with who the youth is and the
 * case director's notes opened by the command side, never the BSN; the notes are marked as free text to
 * read before the copy leaves; nobody else gets it; it is in the access log; without the command side
 * there is no copy rather than a copy without its names.
 */
class DataCopyIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIRECTOR = user("gemeente", "casusregisseur-1", "casusregisseur");
    private static final String PRIVACY_OFFICER = user("gemeente", "privacy-officer-1", "privacy-officer");
    private static final String POLICE_PRIVACY_OFFICER = user("politie", "privacy-officer-2", "privacy-officer");
    private static final String NOTE = "Wil naar het mbo; stage gezocht bij de buurman";

    @Test
    void theGemeentesPrivacyOfficerGetsEveryFactWithNamesAndNotesOpenedNeverTheBsn() throws Exception {
        Backbone backbone = new Backbone();
        // The read models' retention pass every two seconds: what it removes, the store keeps for its archive term.
        try (ServiceProcess command = backbone.startCommandService();
             ServiceProcess query = backbone.startQueryService("ketenbus.retention.first-pass-after=PT1S",
                     "ketenbus.retention.interval=PT2S")) {
            String bsn = Backbone.randomBsn();
            String youth = Backbone.identify(command, bsn);
            String policeSignal = signalRaised(youth, "politie", "2026-02-02T16:00:00+01:00", "BEZIT",
                    "MULTIPLE_PHONES");
            accepted(command, policeSignal);
            accepted(command, signalRaised(youth, "jongerenwerk", "2026-02-20T21:00:00+01:00", "LOCATIE",
                    "FOUND_FAR_OUTSIDE_OWN_AREA"));
            String cases = "/v1/subjects/" + youth + "/cases";
            await().atMost(PATIENCE).until(() -> call(command, "POST", cases, "{\"caseId\":\"pga-copy\"}",
                    DIRECTOR).status() == 201);
            Backbone.Answer plan = call(command, "PUT", cases + "/pga-copy/perspective-plan", "{\"areas\":{"
                    + "\"EDUCATION\":{\"status\":\"IN_PROGRESS\",\"note\":\"" + NOTE + "\"}}}", DIRECTOR);
            assertThat(plan.status()).as(String.valueOf(plan.body())).isEqualTo(200);

            // A withdrawal made long ago is taken whatever its age; the read models let it go at their next pass.
            String signalId = JSON.readTree(policeSignal).at("/data/signalId").asText();
            accepted(command, Backbone.envelope("nl.ketenbus.signal.withdrawn.v1", "politie", youth,
                    "2025-06-01T12:00:00+02:00", "{\"subjectRef\":\"" + youth + "\",\"signalId\":\"" + signalId
                            + "\",\"reason\":\"MISTAKEN\"}"));

            String copyPath = "/v1/audit/subjects/" + youth + "/data-copy";
            await().atMost(PATIENCE).until(() -> {
                JsonNode read = call(query, "GET", copyPath, null, PRIVACY_OFFICER).body();
                return typesOf(read).contains("nl.ketenbus.perspective.plan-updated.v1")
                        && !factOf(read, "nl.ketenbus.signal.withdrawn.v1").get("inUse").asBoolean();
            });
            Backbone.Answer copy = call(query, "GET", copyPath, null, PRIVACY_OFFICER);

            assertThat(copy.status()).isEqualTo(200);
            assertThat(copy.body().get("subjectRef").asText()).isEqualTo(youth);
            assertThat(typesOf(copy.body())).as("every fact, oldest first, whatever any audience sees of it")
                    .startsWith("nl.ketenbus.signal.withdrawn.v1", "nl.ketenbus.subject.registered.v2",
                            "nl.ketenbus.signal.raised.v1", "nl.ketenbus.signal.raised.v1")
                    .contains("nl.ketenbus.case.opened.v1", "nl.ketenbus.perspective.plan-updated.v1");
            // The withdrawal the read models let go is still in the store's archive: the copy holds it, marked.
            assertThat(copy.body().at("/facts/0/inUse").asBoolean()).isFalse();
            assertThat(copy.body().get("facts")).filteredOn(fact -> fact.get("inUse").asBoolean())
                    .hasSize(copy.body().get("facts").size() - 1);
            JsonNode registration = copy.body().at("/facts/1");
            assertThat(registration.at("/data/familyName").asText()).isEqualTo("Testpersoon");
            assertThat(registration.at("/data/dateOfBirth").asText()).isEqualTo("2010-05-01");
            assertThat(registration.get("data").has("bsn")).as("the BSN never leaves the intake").isFalse();
            assertThat(registration.get("leftOut")).extracting(JsonNode::asText).containsExactly("/bsn");
            assertThat(registration.get("category").asText()).isEqualTo("IDENTITY");
            JsonNode signal = copy.body().at("/facts/2");
            assertThat(signal.get("sourceOrganisation").asText()).isEqualTo("politie");
            assertThat(signal.at("/data/indicator").asText()).isEqualTo("MULTIPLE_PHONES");
            JsonNode planFact = factOf(copy.body(), "nl.ketenbus.perspective.plan-updated.v1");
            assertThat(planFact.at("/data/areas/EDUCATION/note").asText()).isEqualTo(NOTE);
            assertThat(planFact.get("freeText")).as("to be read for other people's data before it leaves")
                    .extracting(JsonNode::asText).containsExactly("/areas/EDUCATION/note");
            assertThat(factOf(copy.body(), "nl.ketenbus.case.director-assigned.v1").get("leftOut"))
                    .as("employees act for their organisation, as in the access report")
                    .extracting(JsonNode::asText).containsExactly("/directorUserId");
            assertThat(copy.body().toString()).doesNotContain(bsn).doesNotContain("ciphertext")
                    .doesNotContain("casusregisseur-1");

            // A youth followed for years: its notes are opened in several calls, as one would not fit the
            // command side's limit on an internal call's body (256 KB): 21 plans of five notes of 2,000 characters.
            String longNote = "x".repeat(2_000);
            StringBuilder areas = new StringBuilder();
            for (String area : List.of("EDUCATION", "LEISURE", "SUPPORT_NETWORK", "SUPPORTING_ADULTS",
                    "PROTECTIVE_FACTORS")) {
                areas.append(areas.isEmpty() ? "" : ",").append("\"").append(area)
                        .append("\":{\"status\":\"IN_PROGRESS\",\"note\":\"").append(longNote).append("\"}");
            }
            for (int version = 2; version <= 21; version++) {
                assertThat(call(command, "PUT", cases + "/pga-copy/perspective-plan", "{\"areas\":{" + areas + "}}",
                        DIRECTOR).status()).isEqualTo(200);
            }
            Backbone.Answer followedForYears = call(query, "GET", copyPath, null, PRIVACY_OFFICER);
            assertThat(followedForYears.status()).as(String.valueOf(followedForYears.body())).isEqualTo(200);
            assertThat(followedForYears.body().findValues("freeText").stream().mapToInt(JsonNode::size).sum())
                    .isEqualTo(1 + 20 * 5);
            assertThat(followedForYears.body().toString()).doesNotContain("ciphertext").contains(longNote);
            // And with many signals: its stream is read in pages (at most 500 events each), all of it.
            StringBuilder batch = new StringBuilder("[");
            for (int many = 0; many < 480; many++) {
                batch.append(many == 0 ? "" : ",").append(signalRaised(youth, "politie",
                        "2026-03-01T09:00:00+01:00", "GEDRAG", "QUICK_TO_ANGER_AVOIDS_HELP"));
            }
            Backbone.Answer published = call(command, "POST", "/v1/events", batch.append(']').toString(),
                    DevTokens.forTests().publisher("politie"), "application/cloudevents-batch+json");
            assertThat(published.body().get("accepted").asInt()).as(String.valueOf(published.body())).isEqualTo(480);
            Backbone.Answer manyFacts = call(query, "GET", copyPath, null, PRIVACY_OFFICER);
            assertThat(manyFacts.body().get("facts").size()).isGreaterThan(500);
            assertThat(typesOf(manyFacts.body())).filteredOn("nl.ketenbus.signal.raised.v1"::equals)
                    .hasSize(2 + 480);
            followedForYears = manyFacts;

            // Nobody but the gemeente's privacy officers gets it; a youth the backbone does not hold has none.
            assertThat(call(query, "GET", copyPath, null, DIRECTOR).status()).isEqualTo(403);
            Backbone.Answer police = call(query, "GET", copyPath, null, POLICE_PRIVACY_OFFICER);
            assertThat(police.status()).isEqualTo(403);
            assertThat(police.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:not-the-controller");
            assertThat(police.body().toString()).doesNotContain("Testpersoon");
            Backbone.Answer nobody = call(query, "GET", "/v1/audit/subjects/sr-" + "0".repeat(64) + "/data-copy",
                    null, PRIVACY_OFFICER);
            assertThat(nobody.status()).isEqualTo(200);
            assertThat(nobody.body().get("facts")).isEmpty();

            // A restriction keeps the data and the youth's rights to it (ADR 0025): the copy is still made.
            assertThat(call(query, "PUT", "/v1/subjects/" + youth + "/restriction",
                    "{\"ground\":\"ACCURACY_CONTESTED\"}", PRIVACY_OFFICER).status()).isEqualTo(201);
            assertThat(typesOf(call(query, "GET", copyPath, null, PRIVACY_OFFICER).body()))
                    .isEqualTo(typesOf(followedForYears.body()));

            // Who made a copy, and who was refused one, is in the access log.
            String period = "?from=" + today() + "&to=" + today();
            List<String> logged = new ArrayList<>();
            call(query, "GET", "/v1/audit/subjects/" + youth + "/accesses" + period, null, PRIVACY_OFFICER).body()
                    .forEach(entry -> logged.add(entry.at("/record/action").asText() + " "
                            + entry.at("/record/userId").asText() + " " + entry.at("/record/status").asText() + " "
                            + entry.at("/record/detail").asText()));
            assertThat(logged).contains("audit.data-copy privacy-officer-1 OK a copy of " + copy.body().get("facts")
                    .size() + " facts").anySatisfy(line -> assertThat(line)
                    .startsWith("audit.data-copy privacy-officer-2 DENIED"));

            // Without the command side there is no copy, rather than one without the youth's name and notes.
            command.stop();
            Backbone.Answer unavailable = call(query, "GET", copyPath, null, PRIVACY_OFFICER);
            assertThat(unavailable.status()).isEqualTo(503);
            assertThat(unavailable.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:copy-unavailable");
        }
    }

    private static List<String> typesOf(JsonNode copy) {
        List<String> types = new ArrayList<>();
        copy.path("facts").forEach(fact -> types.add(fact.get("type").asText()));
        return types;
    }

    private static JsonNode factOf(JsonNode copy, String type) {
        for (JsonNode fact : copy.get("facts")) {
            if (fact.get("type").asText().equals(type)) {
                return fact;
            }
        }
        throw new AssertionError("no " + type + " in " + copy);
    }
}
