package nl.ketenbus.system;
import static nl.ketenbus.system.Backbone.accepted;
import static nl.ketenbus.system.Backbone.call;
import static nl.ketenbus.system.Backbone.signalRaised;
import static nl.ketenbus.system.Backbone.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.devinfra.ServiceProcess;
import nl.ketenbus.devinfra.ServiceSettings;
import org.junit.jupiter.api.Test;

/**
 * Erasure (AVG art. 17, ADR 0015) through both services: a youth with signals, a case and reads is
 * erased by the gemeente's privacy officers, one asking and another confirming; afterwards no answer
 * shows it, no read model holds it, its keys are gone, nothing more is recorded about it, the same
 * person identified again starts a new history, the access log still verifies, a replay into a new
 * generation brings nothing back, and no table of either service and no topic holds the youth's data
 * in clear.
 */
class ErasureIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String DIRECTOR = user("gemeente", "casusregisseur-1", "casusregisseur");
    private static final String PRIVACY_OFFICER = user("gemeente", "privacy-officer-1", "privacy-officer");
    private static final String SECOND_PRIVACY_OFFICER = user("gemeente", "privacy-officer-3", "privacy-officer");
    private static final String POLICE_PRIVACY_OFFICER = user("politie", "privacy-officer-2", "privacy-officer");
    private static final String POLICE = user("politie", "politie-1", "professional");
    private static final String ADMINISTRATOR = user("gemeente", "beheerder-1", "covenant-administrator");

    @Test
    void anErasedYouthLeavesNothingReadableAndStartsAfreshWhenIdentifiedAgain() throws Exception {
        Backbone backbone = new Backbone();
        String bsn = Backbone.randomBsn();
        String youth;
        try (ServiceProcess command = backbone.startCommandService();
             ServiceProcess query = backbone.startQueryService()) {
            youth = Backbone.identify(command, bsn);
            accepted(command, signalRaised(youth, "politie", "2026-02-02T16:00:00+01:00", "BEZIT", "MULTIPLE_PHONES"));
            accepted(command, signalRaised(youth, "jongerenwerk", "2026-02-20T21:00:00+01:00", "LOCATIE",
                    "FOUND_FAR_OUTSIDE_OWN_AREA"));
            String timeline = "/v1/subjects/" + youth + "/timeline?purpose=pga-casusregie";
            await().atMost(PATIENCE).until(() -> call(command, "POST", "/v1/subjects/" + youth + "/cases",
                    "{\"caseId\":\"pga-erasure\"}", DIRECTOR).status() == 201);
            await().atMost(PATIENCE).until(() -> "Testpersoon".equals(call(query, "GET", timeline, null, DIRECTOR)
                    .body().at("/youth/familyName").asText()));
            assertThat(call(query, "POST", "/v1/subjects/" + youth + "/break-glass", """
                    {"purpose":"signaaloverleg","reason":"Acute zorg gemeld door de wijkagent, naam bekend"}""",
                    POLICE).status()).isEqualTo(201);
            assertThat(call(query, "GET", "/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg&breakGlass=true",
                    null, POLICE).status()).isEqualTo(200);

            // Only the gemeente's privacy officers decide, on a ground, under four eyes; every attempt is in the
            // access log.
            String erasure = "/v1/subjects/" + youth + "/erasure";
            String ground = "{\"ground\":\"OBJECTION_UPHELD\"}";
            assertThat(call(query, "POST", erasure, ground, DIRECTOR).status()).isEqualTo(403);
            assertThat(call(query, "POST", erasure, ground, POLICE_PRIVACY_OFFICER).body().get("type").asText())
                    .isEqualTo("urn:ketenbus:problem:not-the-controller");
            assertThat(call(query, "POST", erasure, "{}", PRIVACY_OFFICER).status()).isEqualTo(400);
            assertThat(call(query, "POST", erasure, "{\"ground\":\"RETENTION_ENDED\"}", PRIVACY_OFFICER).status())
                    .as("the backbone's own ground, never a person's").isEqualTo(400);
            Backbone.Answer asked = call(query, "POST", erasure, ground, PRIVACY_OFFICER);
            assertThat(asked.status()).as(asked.body().toString()).isEqualTo(202);
            assertThat(asked.body().get("state").asText()).isEqualTo("AWAITING_SECOND_OFFICER");
            Backbone.Answer askedAgain = call(query, "POST", erasure, ground, PRIVACY_OFFICER);
            assertThat(askedAgain.status()).as("the same officer cannot confirm their own request").isEqualTo(202);
            assertThat(askedAgain.body()).as("asking again changes nothing").isEqualTo(asked.body());
            assertThat(call(query, "POST", erasure, "{\"ground\":\"NO_LONGER_NECESSARY\"}", PRIVACY_OFFICER)
                    .body().get("type").asText()).as("nor change its ground")
                    .isEqualTo("urn:ketenbus:problem:erasure-ground-differs");
            assertThat(call(query, "GET", timeline, null, DIRECTOR).body().at("/youth/familyName").asText())
                    .as("nothing is erased on one officer's word").isEqualTo("Testpersoon");
            JsonNode open = call(query, "GET", "/v1/erasure-requests", null, SECOND_PRIVACY_OFFICER).body();
            assertThat(open.findValuesAsText("subjectRef")).contains(youth);
            assertThat(call(query, "POST", erasure, "{\"ground\":\"NO_LONGER_NECESSARY\"}", SECOND_PRIVACY_OFFICER)
                    .body().get("type").asText()).isEqualTo("urn:ketenbus:problem:erasure-ground-differs");
            // Said as a new request (the pages do), it is refused while another officer's request is open: it
            // would otherwise confirm it, and erase.
            assertThat(call(query, "POST", erasure, "{\"ground\":\"OBJECTION_UPHELD\",\"intent\":\"REQUEST\"}",
                    SECOND_PRIVACY_OFFICER).body().get("type").asText())
                    .isEqualTo("urn:ketenbus:problem:erasure-already-requested");
            assertThat(call(query, "GET", timeline, null, DIRECTOR).body().at("/youth/familyName").asText())
                    .isEqualTo("Testpersoon");
            Backbone.Answer erased = call(query, "POST", erasure, "{\"ground\":\"OBJECTION_UPHELD\","
                    + "\"intent\":\"CONFIRM\"}", SECOND_PRIVACY_OFFICER);
            assertThat(erased.status()).isEqualTo(200);
            assertThat(erased.body().get("ground").asText()).isEqualTo("OBJECTION_UPHELD");
            assertThat(erased.body().get("keysDestroyed").asInt()).isPositive();
            Backbone.Answer again = call(query, "POST", erasure, ground, PRIVACY_OFFICER);
            assertThat(again.body().get("erasedOn")).isEqualTo(erased.body().get("erasedOn"));
            assertThat(backbone.queryColumn("select status from access_log where action = 'subject.erase' "
                    + "and subject_ref = ? order by seq", youth))
                    .containsExactly("denied", "denied", "denied", "ok", "ok", "denied", "denied", "denied", "ok",
                            "ok");
            // The case director lacks the role: refused at the edge, logged against the youth all the same.
            assertThat(backbone.queryColumn("select detail from access_log where action = 'edge.refused' "
                    + "and subject_ref = ?", youth)).containsExactly(
                    "POST /v1/subjects/{subjectRef}/erasure: this needs role privacy-officer");

            // Every read model lets the youth go; the keys are destroyed; the proof says what, not who the youth is.
            await().atMost(PATIENCE).until(() -> backbone.queryColumn(
                    "select subject_ref from erased_subject where subject_ref = ?", youth).size() == 1);
            for (String table : List.of("timeline_entry", "audience_entry", "case_participation", "agenda_standing")) {
                assertThat(backbone.queryColumn("select count(*) from " + table + " where subject_ref = ?", youth))
                        .as(table).containsExactly("0");
            }
            assertThat(backbone.queryColumn("select count(*) from break_glass where subject_ref = ? and "
                    + "(reason is not null or reason_sealed is not null)", youth)).containsExactly("0");
            assertThat(backbone.commandColumn("select count(*) from subject_key where subject_ref = ? "
                    + "and wrapped_key is not null", youth)).containsExactly("0");
            assertThat(backbone.commandColumn("select count(*) from identity_search where subject_ref = ?", youth))
                    .containsExactly("0");
            assertThat(backbone.commandColumn("select ground || ' ' || decided_by || ' ' || "
                    + "array_to_string(categories, ',') from erasure_proof where subject_ref = ?", youth))
                    .containsExactly("OBJECTION_UPHELD privacy-officer-1 + privacy-officer-3 ASSESSMENT,CASE,IDENTITY,SIGNAL");
            assertThat(backbone.queryColumn("select state || ' ' || requested_by || ' ' || decided_by from "
                    + "erasure_request where subject_ref = ?", youth))
                    .containsExactly("CARRIED_OUT privacy-officer-1 privacy-officer-3");
            // What the store keeps of the youth for its archive term (ADR 0024) is in its copy, in use nowhere,
            // and nothing of who the youth is opens any more (ADR 0027).
            JsonNode copy = call(query, "GET", "/v1/audit/subjects/" + youth + "/data-copy", null, PRIVACY_OFFICER)
                    .body();
            assertThat(copy.get("facts")).isNotEmpty().allSatisfy(fact -> assertThat(fact.get("inUse").asBoolean())
                    .as(fact.get("type").asText()).isFalse());
            assertThat(copy.get("facts")).anySatisfy(fact -> assertThat(fact.get("leftOut"))
                    .extracting(JsonNode::asText).contains("/familyName", "/bsn"));
            assertThat(copy.toString()).doesNotContain("Testpersoon").doesNotContain("ciphertext");
            // The police, shown the youth's data under break-glass, is to be told of the erasure (AVG art. 19).
            JsonNode notices = call(query, "GET", "/v1/recipient-notices", null, PRIVACY_OFFICER).body().get("notices");
            assertThat(notices.findValues("subjectRef").stream().map(JsonNode::asText)).contains(youth);
            for (JsonNode notice : notices) {
                if (notice.get("subjectRef").asText().equals(youth)) {
                    assertThat(notice.get("decision").asText()).isEqualTo("ERASURE");
                    assertThat(notice.findValuesAsText("organisation")).containsExactly("politie");
                }
            }

            // No answer shows the youth any more, and nothing new is recorded about it.
            JsonNode read = call(query, "GET", timeline, null, DIRECTOR).body();
            assertThat(read.path("totalEntries").asInt()).isZero();
            assertThat(read.path("youth").path("familyName").isMissingNode()).isTrue();
            assertThat(call(query, "GET", "/v1/subjects/" + youth + "/case", null, DIRECTOR).status()).isEqualTo(404);
            assertThat(call(query, "POST", "/v1/subjects/search", "{\"bsn\":\"" + bsn + "\"}", DIRECTOR).status())
                    .isEqualTo(404);
            assertThat(Backbone.publish(command, signalRaised(youth, "politie", "2026-03-02T16:00:00+01:00", "BEZIT",
                    "MULTIPLE_PHONES")).body()).contains("subject-erased");

            // The same person identified again: a new history under a new pseudonym, nothing of the old one.
            String again2 = Backbone.identify(command, bsn);
            assertThat(again2).isNotEqualTo(youth);
            assertThat(backbone.commandColumn("select count(*) from domain_event_entry where aggregate_identifier = ?",
                    again2)).containsExactly("1");

            // A request can be withdrawn by either officer; nothing is erased then. An unknown youth is named at once.
            String erasure2 = "/v1/subjects/" + again2 + "/erasure";
            assertThat(call(query, "POST", erasure2, ground, PRIVACY_OFFICER).status()).isEqualTo(202);
            assertThat(call(query, "DELETE", erasure2, null, SECOND_PRIVACY_OFFICER).status()).isEqualTo(204);
            assertThat(call(query, "DELETE", erasure2, null, SECOND_PRIVACY_OFFICER).body().get("type").asText())
                    .isEqualTo("urn:ketenbus:problem:no-erasure-request");
            assertThat(call(query, "GET", "/v1/erasure-requests", null, PRIVACY_OFFICER).body()
                    .findValuesAsText("subjectRef")).doesNotContain(again2, youth);
            assertThat(call(query, "POST", erasure2, ground, SECOND_PRIVACY_OFFICER).status())
                    .as("a new request after the withdrawal waits again").isEqualTo(202);
            assertThat(backbone.commandColumn("select count(*) from erasure_proof where subject_ref = ?", again2))
                    .containsExactly("0");
            assertThat(call(query, "POST", "/v1/subjects/sr-" + "0".repeat(64) + "/erasure", ground, PRIVACY_OFFICER)
                    .body().get("type").asText()).isEqualTo("urn:ketenbus:problem:unknown-subject");

            // The access log still verifies end to end.
            JsonNode verification = call(query, "GET", "/v1/audit/verification", null, PRIVACY_OFFICER).body();
            assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();

            // A replay into a new generation completes and brings nothing of the erased youth back.
            String document = CovenantLoader.documentAt("").replace("\nversion: 1\n", "\nversion: 2\n");
            assertThat(Backbone.call(query, "POST", "/v1/covenant/changes", document, ADMINISTRATOR,
                    "application/yaml").status()).isEqualTo(202);
            await().atMost(PATIENCE).until(() -> backbone.queryColumn(
                    "select state from read_model_generation where generation = 2").equals(List.of("READY")));
            assertThat(backbone.queryColumn("select count(*) from audience_entry where subject_ref = ?", youth))
                    .containsExactly("0");
        }
        // Where the pseudonym itself may stay after the erasure, each for its reason; any other table of either
        // service that still names it (a table added later included) fails here.
        assertThat(tablesNaming(backbone.commandSettings(), youth)).as("command tables naming the erased youth")
                .isSubsetOf(
                        "domain_event_entry",   // the stream stays, its sealed values unreadable (ADR 0015)
                        "subject_key",          // the destroyed keys' rows (none live: checked above)
                        "erasure_proof",        // what was erased, when, on which ground
                        "intake_receipt");      // the partners' events' outcomes, until their purge (ADR 0016)
        assertThat(tablesNaming(backbone.querySettings(), youth)).as("query tables naming the erased youth")
                .isSubsetOf(
                        "access_log",           // accountability: who read what (ADR 0015)
                        "erased_subject",       // later copies of the youth's events are dropped
                        "erasure_request",      // who asked for the erasure and who confirmed it
                        "break_glass");         // the grants without their reasons (checked above)
        // Nowhere in clear: every table of both services, every topic (backbone, partner, dead letters).
        List<String> clear = List.of(bsn, "Testpersoon", "2010-05-01");
        for (String where : List.of(NoPersonalDataInClearIT.tables(backbone.commandSettings()),
                NoPersonalDataInClearIT.tables(backbone.querySettings()),
                NoPersonalDataInClearIT.topics(backbone.topic()))) {
            // The pseudonym is there (the erasure proof, the access log, the events): the scan reads content.
            assertThat(where).contains(youth);
            assertThat(clear).noneMatch(where::contains);
        }
    }

    private static List<String> tablesNaming(ServiceSettings settings, String youth)
            throws Exception {
        return NoPersonalDataInClearIT.tablesByName(settings).entrySet().stream()
                .filter(table -> table.getValue().contains(youth)).map(Map.Entry::getKey).toList();
    }
}
