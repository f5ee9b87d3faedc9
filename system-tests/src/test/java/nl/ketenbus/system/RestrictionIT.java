package nl.ketenbus.system;

import static nl.ketenbus.system.Backbone.accepted;
import static nl.ketenbus.system.Backbone.call;
import static nl.ketenbus.system.Backbone.signalRaised;
import static nl.ketenbus.system.Backbone.today;
import static nl.ketenbus.system.Backbone.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.devinfra.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * Restriction of processing (AVG art. 18, ADR 0025) through both services: while a privacy officer's
 * restriction holds, the youth's data is kept (partners' facts still arrive and are projected) and shown
 * to nobody: no timeline, case, list or search shows it, no casework command about it is accepted, only
 * break-glass reads it (art. 18(2)); once lifted, with the day the youth was told (art. 18(3)), all of it
 * reads again, the facts that arrived meanwhile included. Every step is in the access log.
 */
class RestrictionIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String DIRECTOR = user("gemeente", "casusregisseur-1", "casusregisseur");
    private static final String PRIVACY_OFFICER = user("gemeente", "privacy-officer-1", "privacy-officer");
    private static final String SECOND_PRIVACY_OFFICER = user("gemeente", "privacy-officer-3", "privacy-officer");
    private static final String POLICE_PRIVACY_OFFICER = user("politie", "privacy-officer-2", "privacy-officer");
    private static final String POLICE = user("politie", "politie-1", "professional");

    @Test
    void aRestrictedYouthIsKeptAndShownToNobodyUntilTheRestrictionIsLifted() throws Exception {
        Backbone backbone = new Backbone();
        try (ServiceProcess command = backbone.startCommandService();
             ServiceProcess query = backbone.startQueryService()) {
            String bsn = Backbone.randomBsn();
            String youth = Backbone.identify(command, bsn);
            accepted(command, signalRaised(youth, "politie", "2026-02-02T16:00:00+01:00", "BEZIT", "MULTIPLE_PHONES"));
            accepted(command, signalRaised(youth, "jongerenwerk", "2026-02-20T21:00:00+01:00", "LOCATIE",
                    "FOUND_FAR_OUTSIDE_OWN_AREA"));
            String cases = "/v1/subjects/" + youth + "/cases";
            await().atMost(PATIENCE).until(() -> call(command, "POST", cases, "{\"caseId\":\"pga-restricted\"}",
                    DIRECTOR).status() == 201);
            String timeline = "/v1/subjects/" + youth + "/timeline?purpose=pga-casusregie";
            await().atMost(PATIENCE).until(() -> "Testpersoon".equals(call(query, "GET", timeline, null, DIRECTOR)
                    .body().at("/youth/familyName").asText()));
            String agenda = "/v1/signal-meeting/agenda?since=" + today().minusDays(1);
            await().atMost(PATIENCE).until(() -> call(query, "GET", agenda, null, POLICE).body().toString()
                    .contains(youth));
            assertThat(call(query, "GET", "/v1/work-list", null, DIRECTOR).body().toString()).contains(youth);
            // A group of the youth and another, the police taking part in its approach.
            String other = Backbone.identifyNewYouth(command);
            assertThat(call(command, "POST", "/v1/groups", "{\"groupId\":\"group-restricted\","
                    + "\"participants\":[\"POLITIE\"]}", DIRECTOR).status()).isEqualTo(201);
            for (String member : List.of(youth, other)) {
                assertThat(call(command, "POST", "/v1/groups/group-restricted/members", "{\"subjectRef\":\"" + member
                        + "\"}", DIRECTOR).status()).isEqualTo(200);
            }
            String group = "/v1/groups/group-restricted";
            await().atMost(PATIENCE).until(() -> call(query, "GET", group, null, POLICE).body().path("members")
                    .size() == 2);
            int entriesBefore = call(query, "GET", timeline, null, DIRECTOR).body().get("totalEntries").asInt();

            // Only the gemeente's privacy officers restrict, on a ground of art. 18(1); once is enough.
            String restriction = "/v1/subjects/" + youth + "/restriction";
            String ground = "{\"ground\":\"ACCURACY_CONTESTED\"}";
            assertThat(call(query, "PUT", restriction, ground, DIRECTOR).status()).isEqualTo(403);
            assertThat(call(query, "PUT", restriction, ground, POLICE_PRIVACY_OFFICER).body().get("type").asText())
                    .isEqualTo("urn:ketenbus:problem:not-the-controller");
            assertThat(call(query, "PUT", restriction, "{}", PRIVACY_OFFICER).status()).isEqualTo(400);
            assertThat(call(query, "PUT", "/v1/subjects/sr-" + "0".repeat(64) + "/restriction", ground,
                    PRIVACY_OFFICER).body().get("type").asText()).isEqualTo("urn:ketenbus:problem:unknown-subject");
            Backbone.Answer restricted = call(query, "PUT", restriction, ground, PRIVACY_OFFICER);
            assertThat(restricted.status()).as(restricted.body().toString()).isEqualTo(201);
            assertThat(restricted.body().get("inForce").asBoolean()).isTrue();
            assertThat(restricted.body().get("restrictedBy").asText()).isEqualTo("privacy-officer-1");
            Backbone.Answer again = call(query, "PUT", restriction, ground, PRIVACY_OFFICER);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body()).as("restricting again changes nothing").isEqualTo(restricted.body());
            assertThat(call(query, "PUT", restriction, "{\"ground\":\"OBJECTION_PENDING\"}", PRIVACY_OFFICER)
                    .body().get("type").asText()).isEqualTo("urn:ketenbus:problem:restriction-ground-differs");
            theRecipientsAreTold(query, youth);

            // Nobody reads the youth: its timeline and case are refused as restricted ...
            Backbone.Answer read = call(query, "GET", timeline, null, DIRECTOR);
            assertThat(read.status()).isEqualTo(403);
            assertThat(read.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:processing-restricted");
            assertThat(read.body().toString()).doesNotContain("Testpersoon");
            assertThat(call(query, "GET", "/v1/subjects/" + youth + "/case", null, DIRECTOR).body().get("type")
                    .asText()).isEqualTo("urn:ketenbus:problem:processing-restricted");
            assertThat(call(query, "GET", "/v1/cases/pga-restricted", null, DIRECTOR).status())
                    .as("by its number, as any case the reader may not see").isEqualTo(404);
            // ... the lists leave it out, and a search says it is restricted without saying who the youth is.
            Backbone.Answer agendaRead = call(query, "GET", agenda, null, POLICE);
            assertThat(agendaRead.status()).isEqualTo(200);
            assertThat(agendaRead.body().toString()).doesNotContain(youth);
            Backbone.Answer groupRead = call(query, "GET", group, null, POLICE);
            assertThat(groupRead.status()).isEqualTo(200);
            assertThat(groupRead.body().get("members")).hasSize(1);
            assertThat(groupRead.body().toString()).contains(other).doesNotContain(youth);
            Backbone.Answer workList = call(query, "GET", "/v1/work-list", null, DIRECTOR);
            assertThat(workList.status()).isEqualTo(200);
            assertThat(workList.body().toString()).doesNotContain(youth);
            Backbone.Answer several = call(query, "GET", "/v1/timelines?subject=" + youth
                    + "&purpose=pga-casusregie", null, DIRECTOR);
            assertThat(several.status()).isEqualTo(200);
            assertThat(several.body().isArray()).isTrue();
            assertThat(several.body()).as("left out, not refused").isEmpty();
            Backbone.Answer found = call(query, "POST", "/v1/subjects/search", "{\"bsn\":\"" + bsn + "\"}", DIRECTOR);
            assertThat(found.status()).isEqualTo(200);
            assertThat(found.body().get("restricted").asBoolean()).isTrue();
            assertThat(found.body().get("youth")).as(found.body().toString()).isNotNull();
            assertThat(found.body().get("youth").isNull()).as("who the youth is, never").isTrue();
            // A reader whom the covenant gives nothing for the purpose hears that, not that the youth is restricted.
            assertThat(call(query, "GET", "/v1/subjects/" + youth + "/timeline?purpose=halfjaarrapportage", null,
                    DIRECTOR).body().get("type").asText()).isEqualTo("urn:ketenbus:problem:purpose-not-allowed");

            // Nothing is recorded about it by casework; a partner's fact is still taken in and kept.
            Backbone.Answer participant = call(command, "POST", cases + "/pga-restricted/participants",
                    "{\"organisation\":\"JEUGDHULP\"}", DIRECTOR);
            assertThat(participant.status()).isEqualTo(409);
            assertThat(participant.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:processing-restricted");
            accepted(command, signalRaised(youth, "politie", "2026-03-02T16:00:00+01:00", "BEZIT",
                    "UNEXPLAINED_CASH_OR_LUXURY_GOODS"));
            await().atMost(PATIENCE).until(() -> Integer.parseInt(backbone.queryColumn(
                    "select count(*) from timeline_entry where subject_ref = ?", youth).get(0)) > entriesBefore);

            // Break-glass, for acute safety, reads it (art. 18(2)), flagged in the log and up for review.
            assertThat(call(query, "POST", "/v1/subjects/" + youth + "/break-glass", """
                    {"purpose":"signaaloverleg","reason":"Acute zorg gemeld door de wijkagent, naam bekend"}""",
                    POLICE).status()).isEqualTo(201);
            JsonNode broken = call(query, "GET", "/v1/subjects/" + youth
                    + "/timeline?purpose=signaaloverleg&breakGlass=true", null, POLICE).body();
            assertThat(broken.get("totalEntries").asInt()).as(broken.toString()).isPositive();

            // The privacy officers see what is restricted; every read refused is in the access log.
            assertThat(call(query, "GET", "/v1/restrictions", null, POLICE_PRIVACY_OFFICER).body().toString())
                    .contains(youth);
            assertThat(call(query, "GET", restriction, null, PRIVACY_OFFICER).body().get("restricted").asBoolean())
                    .isTrue();
            assertThat(backbone.queryColumn("select status || ' ' || detail from access_log where subject_ref = ? "
                    + "and action in ('timeline.read', 'case.read') and status <> 'ok' order by seq", youth))
                    .containsExactly("denied processing-restricted", "denied processing-restricted",
                            "denied processing-restricted", "denied purpose-not-allowed");
            assertThat(backbone.queryColumn("select status from access_log where subject_ref = ? "
                    + "and action = 'subject.restrict' order by seq", youth))
                    .containsExactly("denied", "denied", "ok", "ok", "denied");

            // Lifting needs the day the youth was told (art. 18(3)), not one to come.
            String lifting = restriction + "/lifting";
            assertThat(call(query, "POST", lifting, "{}", PRIVACY_OFFICER).status()).isEqualTo(400);
            assertThat(call(query, "POST", lifting, "{\"subjectInformedOn\":\"" + today().plusDays(2) + "\"}",
                    PRIVACY_OFFICER).status()).isEqualTo(400);
            assertThat(call(query, "GET", timeline, null, DIRECTOR).status()).isEqualTo(403);
            Backbone.Answer lifted = call(query, "POST", lifting, "{\"subjectInformedOn\":\"" + today() + "\"}",
                    PRIVACY_OFFICER);
            assertThat(lifted.status()).as(lifted.body().toString()).isEqualTo(200);
            assertThat(lifted.body().get("inForce").asBoolean()).isFalse();
            assertThat(lifted.body().get("subjectInformedOn").asText()).isEqualTo(today().toString());
            assertThat(call(query, "POST", lifting, "{\"subjectInformedOn\":\"" + today() + "\"}", PRIVACY_OFFICER)
                    .body().get("type").asText()).isEqualTo("urn:ketenbus:problem:no-restriction");

            // All of it reads again, the fact that arrived meanwhile included; casework goes on.
            JsonNode afterwards = call(query, "GET", timeline, null, DIRECTOR).body();
            assertThat(afterwards.at("/youth/familyName").asText()).isEqualTo("Testpersoon");
            assertThat(afterwards.get("totalEntries").asInt()).isGreaterThan(entriesBefore);
            assertThat(call(query, "GET", "/v1/work-list", null, DIRECTOR).body().toString()).contains(youth);
            assertThat(call(command, "POST", cases + "/pga-restricted/participants",
                    "{\"organisation\":\"JEUGDHULP\"}", DIRECTOR).status()).isEqualTo(200);
            JsonNode history = call(query, "GET", restriction, null, PRIVACY_OFFICER).body();
            assertThat(history.get("restricted").asBoolean()).isFalse();
            assertThat(history.get("restrictions")).hasSize(1);
            assertThat(backbone.commandColumn("select count(*) from processing_restriction where subject_ref = ?",
                    youth)).containsExactly("0");
            // The command side keeps the lifting as the query side decided it, on the query side's clock.
            assertThat(backbone.commandColumn("select restricted_at || ' ' || lifted_by || ' ' || lifted_at || ' ' "
                    + "|| subject_informed_on from processing_restriction_lifting where subject_ref = ?", youth))
                    .isEqualTo(backbone.queryColumn("select restricted_at || ' ' || lifted_by || ' ' || lifted_at "
                            + "|| ' ' || subject_informed_on from processing_restriction where subject_ref = ?", youth))
                    .hasSize(1);
        }
    }

    @Test
    void aYouthWhoWantsItsDataKeptIsNotErasedUntilTheRestrictionIsLiftedAndAnErasureEndsARestriction()
            throws Exception {
        Backbone backbone = new Backbone();
        try (ServiceProcess command = backbone.startCommandService();
             ServiceProcess query = backbone.startQueryService()) {
            String youth = Backbone.identifyNewYouth(command);
            String restriction = "/v1/subjects/" + youth + "/restriction";
            String erasure = "/v1/subjects/" + youth + "/erasure";
            String objectionUpheld = "{\"ground\":\"OBJECTION_UPHELD\"}";

            // The youth needs its data for a legal claim: no officer erases it while that holds.
            assertThat(call(query, "PUT", restriction, "{\"ground\":\"NEEDED_FOR_LEGAL_CLAIM\"}", PRIVACY_OFFICER)
                    .status()).isEqualTo(201);
            Backbone.Answer refused = call(query, "POST", erasure, objectionUpheld, PRIVACY_OFFICER);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:restriction-keeps-data");
            assertThat(call(query, "POST", restriction + "/lifting", "{\"subjectInformedOn\":\"" + today() + "\"}",
                    PRIVACY_OFFICER).status()).isEqualTo(200);

            // Restricted while its objection is weighed, then the objection upheld: the erasure ends the restriction.
            assertThat(call(query, "PUT", restriction, "{\"ground\":\"OBJECTION_PENDING\"}", PRIVACY_OFFICER)
                    .status()).isEqualTo(201);
            assertThat(call(query, "POST", erasure, objectionUpheld, PRIVACY_OFFICER).status()).isEqualTo(202);
            assertThat(call(query, "POST", erasure, objectionUpheld, SECOND_PRIVACY_OFFICER).status()).isEqualTo(200);
            await().atMost(PATIENCE).until(() -> !call(query, "GET", restriction, null, PRIVACY_OFFICER).body()
                    .get("restricted").asBoolean());
            JsonNode history = call(query, "GET", restriction, null, PRIVACY_OFFICER).body().get("restrictions");
            assertThat(history).hasSize(2);
            assertThat(history.get(1).get("liftedBy").asText()).isEqualTo("ketenbus");
            assertThat(call(query, "GET", "/v1/restrictions", null, PRIVACY_OFFICER).body().toString())
                    .doesNotContain(youth);
            assertThat(backbone.commandColumn("select count(*) from processing_restriction where subject_ref = ?",
                    youth)).containsExactly("0");
            assertThat(backbone.commandColumn("select count(*) from processing_restriction_lifting "
                    + "where subject_ref = ?", youth)).as("the earlier lifting goes with the erasure")
                    .containsExactly("0");
            assertThat(call(query, "PUT", restriction, "{\"ground\":\"OBJECTION_PENDING\"}", PRIVACY_OFFICER)
                    .body().get("type").asText()).isEqualTo("urn:ketenbus:problem:subject-erased");
        }
    }

    @Test
    void aRestrictionOneSideLostToARestoredBackupIsSetRightFromTheOther() throws Exception {
        Backbone backbone = new Backbone();
        try (ServiceProcess command = backbone.startCommandService();
             ServiceProcess query = backbone.startQueryService("ketenbus.restrictions.sync-interval=PT1S")) {
            String lostHere = Backbone.identifyNewYouth(command);
            String lostThere = Backbone.identifyNewYouth(command);
            String liftedHere = Backbone.identifyNewYouth(command);
            String otherGround = Backbone.identifyNewYouth(command);
            String restrictedAgain = Backbone.identifyNewYouth(command);
            String liftingLostHere = Backbone.identifyNewYouth(command);
            String laterThere = Backbone.identifyNewYouth(command);
            String laterLiftedThere = Backbone.identifyNewYouth(command);
            for (String youth : List.of(lostHere, lostThere, liftedHere, restrictedAgain, liftingLostHere, laterThere,
                    laterLiftedThere)) {
                assertThat(call(query, "PUT", "/v1/subjects/" + youth + "/restriction",
                        "{\"ground\":\"ACCURACY_CONTESTED\"}", PRIVACY_OFFICER).status()).isEqualTo(201);
            }
            for (String youth : List.of(liftedHere, restrictedAgain, liftingLostHere, laterThere, laterLiftedThere)) {
                lift(query, youth, PRIVACY_OFFICER);
            }
            for (String youth : List.of(laterThere, laterLiftedThere)) {
                assertThat(call(query, "PUT", "/v1/subjects/" + youth + "/restriction",
                        "{\"ground\":\"OBJECTION_PENDING\"}", SECOND_PRIVACY_OFFICER).status()).isEqualTo(201);
            }
            lift(query, laterLiftedThere, SECOND_PRIVACY_OFFICER);
            assertThat(call(query, "PUT", "/v1/subjects/" + otherGround + "/restriction",
                    "{\"ground\":\"ERASURE_OPPOSED\"}", PRIVACY_OFFICER).status()).isEqualTo(201);
            // Restricted, then erased on an objection upheld, which ends the restriction on both sides.
            String erasedThere = Backbone.identifyNewYouth(command);
            assertThat(call(query, "PUT", "/v1/subjects/" + erasedThere + "/restriction",
                    "{\"ground\":\"OBJECTION_PENDING\"}", PRIVACY_OFFICER).status()).isEqualTo(201);
            String upheld = "{\"ground\":\"OBJECTION_UPHELD\"}";
            assertThat(call(query, "POST", "/v1/subjects/" + erasedThere + "/erasure", upheld, PRIVACY_OFFICER)
                    .status()).isEqualTo(202);
            assertThat(call(query, "POST", "/v1/subjects/" + erasedThere + "/erasure", upheld,
                    SECOND_PRIVACY_OFFICER).status()).isEqualTo(200);
            String endedByErasure = "select count(*) from processing_restriction where subject_ref = ? "
                    + "and lifted_by = 'ketenbus'";
            await().atMost(PATIENCE).until(() -> backbone.queryColumn(endedByErasure, erasedThere)
                    .equals(List.of("1")));

            // Backups restored: the query side's from before one restriction, the command side's from before
            // another, and from before a lifting (its row as it was an hour before).
            assertThat(backbone.queryColumn("delete from processing_restriction where subject_ref = ? "
                    + "returning subject_ref", lostHere)).containsExactly(lostHere);
            assertThat(backbone.commandColumn("delete from processing_restriction where subject_ref = ? "
                    + "returning subject_ref", lostThere)).containsExactly(lostThere);
            assertThat(backbone.commandColumn("insert into processing_restriction (subject_ref, ground, decided_by, "
                    + "restricted_at) values (?, 'ACCURACY_CONTESTED', 'privacy-officer-1', now() - interval '1 hour') "
                    + "returning subject_ref", liftedHere)).containsExactly(liftedHere);
            assertThat(backbone.commandColumn("update processing_restriction set ground = 'ACCURACY_CONTESTED' "
                    + "where subject_ref = ? returning subject_ref", otherGround)).containsExactly(otherGround);
            // The query side's from before a restriction made again after its lifting: the lifting is all it has.
            assertThat(backbone.commandColumn("insert into processing_restriction (subject_ref, ground, decided_by, "
                    + "restricted_at) values (?, 'OBJECTION_PENDING', 'privacy-officer-3', now() + interval '1 minute') "
                    + "returning subject_ref", restrictedAgain)).containsExactly(restrictedAgain);

            // The query side's from before a lifting: the command side kept it.
            assertThat(backbone.queryColumn("update processing_restriction set lifted_by = null, lifted_at = null, "
                    + "subject_informed_on = null where subject_ref = ? returning subject_ref", liftingLostHere))
                    .containsExactly(liftingLostHere);
            // The query side's from before a lifting and a later restriction on another ground, in force there or
            // lifted as well.
            for (String youth : List.of(laterThere, laterLiftedThere)) {
                assertThat(backbone.queryColumn("delete from processing_restriction where subject_ref = ? "
                        + "and ground = 'OBJECTION_PENDING' returning subject_ref", youth)).containsExactly(youth);
                assertThat(backbone.queryColumn("update processing_restriction set lifted_by = null, lifted_at = null, "
                        + "subject_informed_on = null where subject_ref = ? returning subject_ref", youth))
                        .containsExactly(youth);
            }

            // The query side's from before the erasure's event was projected (or with that event parked): the
            // restriction is in force here, and the command side, which erased the youth, holds none.
            assertThat(backbone.queryColumn("update processing_restriction set lifted_by = null, lifted_at = null "
                    + "where subject_ref = ? returning subject_ref", erasedThere)).containsExactly(erasedThere);

            await().atMost(PATIENCE).until(() -> backbone.queryColumn("select restricted_by from processing_restriction "
                    + "where subject_ref = ? and lifted_at is null", lostHere).equals(List.of("privacy-officer-1")));
            await().atMost(PATIENCE).alias("the erasure ends it, instead of the command side being told it for ever")
                    .until(() -> backbone.queryColumn(endedByErasure, erasedThere).equals(List.of("1")));
            String history = "select ground || ' ' || restricted_by || ' ' || coalesce(lifted_by, 'in force') || ' ' "
                    + "|| coalesce(subject_informed_on::text, '-') from processing_restriction where subject_ref = ? "
                    + "order by restricted_at";
            await().atMost(PATIENCE).until(() -> backbone.queryColumn(history, liftingLostHere).equals(List.of(
                    "ACCURACY_CONTESTED privacy-officer-1 privacy-officer-1 " + today())));
            await().atMost(PATIENCE).until(() -> backbone.queryColumn(history, laterThere).equals(List.of(
                    "ACCURACY_CONTESTED privacy-officer-1 ketenbus -",
                    "OBJECTION_PENDING privacy-officer-3 in force -")));
            await().atMost(PATIENCE).until(() -> backbone.queryColumn(history, laterLiftedThere).equals(List.of(
                    "ACCURACY_CONTESTED privacy-officer-1 ketenbus -",
                    "OBJECTION_PENDING privacy-officer-3 privacy-officer-3 " + today())));
            for (String youth : List.of(liftingLostHere, laterLiftedThere)) {
                assertThat(backbone.commandColumn("select count(*) from processing_restriction where subject_ref = ?",
                        youth)).as("a lifting the query side lost brings no restriction back")
                        .containsExactly("0");
            }
            assertThat(backbone.commandColumn("select ground from processing_restriction where subject_ref = ?",
                    laterThere)).as("the later decision stands").containsExactly("OBJECTION_PENDING");
            await().atMost(PATIENCE).until(() -> backbone.commandColumn("select decided_by from processing_restriction "
                    + "where subject_ref = ?", lostThere).equals(List.of("privacy-officer-1")));
            await().atMost(PATIENCE).until(() -> backbone.commandColumn("select subject_ref from processing_restriction "
                    + "where subject_ref = ?", liftedHere).isEmpty());
            await().atMost(PATIENCE).until(() -> backbone.commandColumn("select ground from processing_restriction "
                    + "where subject_ref = ?", otherGround).equals(List.of("ERASURE_OPPOSED")));
            await().atMost(PATIENCE).until(() -> backbone.queryColumn("select ground || ' ' || restricted_by from "
                    + "processing_restriction where subject_ref = ? and lifted_at is null", restrictedAgain)
                    .equals(List.of("OBJECTION_PENDING privacy-officer-3")));
            assertThat(call(query, "GET", "/v1/subjects/" + lostHere + "/timeline?purpose=pga-casusregie", null,
                    DIRECTOR).body().get("type").asText()).isEqualTo("urn:ketenbus:problem:processing-restricted");
            assertThat(call(command, "POST", "/v1/subjects/" + lostThere + "/cases", "{\"caseId\":\"pga-lost\"}",
                    DIRECTOR).body().get("type").asText()).isEqualTo("urn:ketenbus:problem:processing-restricted");
            assertThat(backbone.queryColumn("select count(*) from processing_restriction where subject_ref = ? "
                    + "and lifted_at is null", liftedHere)).as("the lifting stands").containsExactly("0");
        }
    }

    private static void lift(ServiceProcess query, String youth, String officer) throws Exception {
        assertThat(call(query, "POST", "/v1/subjects/" + youth + "/restriction/lifting",
                "{\"subjectInformedOn\":\"" + today() + "\"}", officer).status()).isEqualTo(200);
    }

    /**
     * The organisations the youth's data was shown to before the restriction are to be told of it (AVG art. 19):
     * the police read the agenda and the group; the gemeente, which decided, is none. A privacy officer of the
     * gemeente records the day each was told, and the restriction then leaves the open notices.
     */
    private static void theRecipientsAreTold(ServiceProcess query, String youth) throws Exception {
        String notices = "/v1/recipient-notices";
        assertThat(call(query, "GET", notices, null, DIRECTOR).status()).isEqualTo(403);
        assertThat(call(query, "GET", notices, null, POLICE_PRIVACY_OFFICER).body().get("type").asText())
                .as("telling the recipients is the gemeente's").isEqualTo("urn:ketenbus:problem:not-the-controller");
        Backbone.Answer list = call(query, "GET", notices, null, PRIVACY_OFFICER);
        assertThat(list.status()).as(list.body().toString()).isEqualTo(200);
        JsonNode notice = null;
        for (JsonNode open : list.body().get("notices")) {
            if (open.get("subjectRef").asText().equals(youth)) {
                notice = open;
            }
        }
        assertThat(notice).as("the restriction is open to tell").isNotNull();
        assertThat(notice.get("decision").asText()).isEqualTo("RESTRICTION");
        List<String> recipients = notice.findValuesAsText("organisation");
        assertThat(recipients).contains("politie").doesNotContain("gemeente");
        String decision = "/v1/recipient-notices/" + notice.get("decisionId").asText() + "/recipients/";
        String today = "{\"informedOn\":\"" + today() + "\"}";
        assertThat(call(query, "POST", decision + "politie", today, POLICE_PRIVACY_OFFICER).body().get("type")
                .asText()).isEqualTo("urn:ketenbus:problem:not-the-controller");
        assertThat(call(query, "POST", decision + "politie", "{\"informedOn\":\"" + today().plusDays(1) + "\"}",
                PRIVACY_OFFICER).status()).as("a day to come").isEqualTo(400);
        assertThat(call(query, "POST", decision + "ondermijning", today, PRIVACY_OFFICER).body().get("type").asText())
                .as("not shown the youth's data").isEqualTo("urn:ketenbus:problem:no-recipient");
        for (String recipient : recipients) {
            Backbone.Answer told = call(query, "POST", decision + recipient, today, PRIVACY_OFFICER);
            assertThat(told.status()).as(told.body().toString()).isEqualTo(200);
        }
        assertThat(call(query, "POST", decision + "politie", today, PRIVACY_OFFICER).body().get("type").asText())
                .isEqualTo("urn:ketenbus:problem:already-informed");
        assertThat(call(query, "GET", notices, null, PRIVACY_OFFICER).body().toString()).doesNotContain(youth);
    }
}
