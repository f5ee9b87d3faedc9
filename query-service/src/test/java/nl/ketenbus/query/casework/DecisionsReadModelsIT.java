package nl.ketenbus.query.casework;

import static nl.ketenbus.query.support.BackboneRecords.event;
import static nl.ketenbus.query.support.QueryApi.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.access.ShownCounts;
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
 * The decisions of casework part two as each reader gets them, from backbone records on a real
 * broker into the read models on PostgreSQL: the signal meeting's decision takes a youth off the
 * agenda (a follow-up keeps it), the partner of another route learns of it; a mayor's measure, its
 * breach and its end, the OM's decision and a RIEC referral read by the case director, the police
 * and team ondermijning, each with what its rules give it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionsReadModelsIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.test");
    private static final OffsetDateTime MARCH = OffsetDateTime.parse("2026-03-14T10:00:00+01:00");
    private static final String POLICE = token("politie", "professional");
    private static final String OOV = token("gemeente", "professional");
    private static final String CASE_DIRECTOR = token("gemeente", "casusregisseur");
    private static final String ONDERMIJNING = token("ondermijning", "professional");
    private static final String suffix = UUID.randomUUID().toString().substring(0, 8);
    /** The meeting gave this youth to youth care (another route). */
    private static final String ROUTED = "sr-routed-" + suffix;
    /** The meeting follows this youth up at its next meeting; its proposal was overdue. */
    private static final String FOLLOWED = "sr-followed-" + suffix;
    /** A youth with a case, a mayor's measure, the OM's decision and a RIEC referral. */
    private static final String MEASURED = "sr-measured-" + suffix;
    /** A group of the group approach with two members, one of whom left. */
    private static final String GROUP = "group-" + suffix;
    private static final String PARTICIPANTS = "\"participants\":[\"GEMEENTE\",\"POLITIE\",\"JONGERENWERK\"]";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    void theMeetingDecidesAndTheMayorActs() {
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            for (String youth : List.of(ROUTED, FOLLOWED)) {
                records.send(gemeente(youth, "nl.ketenbus.assessment.signals-matched.v1", "\"matchId\":\"match-1\","
                        + "\"organisations\":[\"POLITIE\",\"JONGERENWERK\"],\"matchedOn\":\"2026-03-14\"", 0));
                records.send(gemeente(youth, "nl.ketenbus.assessment.target-group-assessed.v1",
                        "\"outcome\":\"CRIMINELE_AANWAS\",\"referenceDate\":\"2026-03-14\",\"ageOnReferenceDate\":15,"
                                + "\"opiumActAntecedents\":0,\"riskIndicators\":2", 0));
            }
            records.send(gemeente(FOLLOWED, "nl.ketenbus.case.proposal-overdue.v1",
                    "\"proposedOn\":\"2026-03-14\",\"overdueSince\":\"2026-04-11\"", 28));
            records.send(gemeente(ROUTED, "nl.ketenbus.case.signal-meeting-decided.v1",
                    "\"meetingOn\":\"2026-03-20\",\"decision\":\"OTHER_ROUTE\","
                            + "\"responsiblePartner\":\"JEUGDHULP\"", 6));
            records.send(gemeente(FOLLOWED, "nl.ketenbus.case.signal-meeting-decided.v1",
                    "\"meetingOn\":\"2026-04-17\",\"decision\":\"FOLLOW_UP\",\"followUpOn\":\"2026-05-15\"", 34));

            records.send(gemeente(MEASURED, "nl.ketenbus.case.opened.v1", "\"caseId\":\"pga-m\"", 1));
            records.send(gemeente(MEASURED, "nl.ketenbus.case.director-assigned.v1",
                    "\"caseId\":\"pga-m\",\"directorUserId\":\"gemeente-casusregisseur\"", 1));
            records.send(gemeente(MEASURED, "nl.ketenbus.measure.imposed.v1", "\"measureId\":\"oov-ban-1\","
                    + "\"measure\":\"AREA_BAN\",\"legalArticle\":\"APV_2_78\",\"placeKind\":\"TOWN_CENTRE\","
                    + "\"areaCode\":\"WK039401\",\"startsOn\":\"2026-03-20\",\"endsOn\":\"2026-04-19\","
                    + "\"caseId\":\"pga-m\"", 6));
            records.send(event(MEASURED, "politie", "nl.ketenbus.measure.breached.v1", of(MEASURED,
                    "\"measureId\":\"oov-ban-1\",\"breachId\":\"pol-m-1\",\"observedOn\":\"2026-04-01\""),
                    MARCH.plusDays(18)));
            records.send(gemeente(MEASURED, "nl.ketenbus.measure.ended.v1", "\"measureId\":\"oov-ban-1\","
                    + "\"reason\":\"END_DATE_REACHED\",\"endedOn\":\"2026-04-19\"", 37));
            records.send(event(MEASURED, "om", "nl.ketenbus.om.prosecution-decided.v1", of(MEASURED,
                    "\"decisionId\":\"om-1\",\"decision\":\"SETTLED\",\"decidedOn\":\"2026-04-02\""),
                    MARCH.plusDays(19)));
            records.send(event(MEASURED, "politie", "nl.ketenbus.offence.dealing-location-observed.v1", of(MEASURED,
                    "\"observationId\":\"pol-obs-1\",\"placeKind\":\"SHOPPING_CENTRE\",\"areaCode\":\"BU03940102\","
                            + "\"observedFrom\":\"2026-03-01\",\"observedUntil\":\"2026-03-10\""), MARCH));
            records.send(gemeente(MEASURED, "nl.ketenbus.case.riec-referral-proposed.v1",
                    "\"caseId\":\"pga-m\",\"reason\":\"CRIMINAL_EARNINGS\"", 20));
            records.send(event(MEASURED, "ondermijning", "nl.ketenbus.ondermijning.riec-referral-answered.v1",
                    of(MEASURED, "\"caseId\":\"pga-m\",\"outcome\":\"TAKEN_UP\""), MARCH.plusDays(22)));
            for (String member : List.of(MEASURED, FOLLOWED)) {
                records.send(gemeente(member, "nl.ketenbus.group.joined.v1", "\"groupId\":\"" + GROUP + "\","
                        + "\"directorUserId\":\"gemeente-casusregisseur\",\"step\":\"ANALYSED\"," + PARTICIPANTS, 40));
                records.send(gemeente(member, "nl.ketenbus.group.step-reached.v1", "\"groupId\":\"" + GROUP + "\","
                        + "\"step\":\"DECIDED\"," + PARTICIPANTS, 41));
            }
            records.send(gemeente(FOLLOWED, "nl.ketenbus.group.left.v1", "\"groupId\":\"" + GROUP + "\","
                    + PARTICIPANTS, 42));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from timeline_entry where subject_ref in (?, ?, ?)", Long.class, ROUTED, FOLLOWED,
                MEASURED) == 21);
    }

    @Test
    void aDecidedYouthLeavesTheAgendaAndAFollowedUpOneStaysWithItsNextMeeting() throws Exception {
        JsonNode agenda = api().get("/v1/signal-meeting/agenda?since=2026-01-01", OOV).body();

        assertThat(subjects(agenda.get("proposals"))).contains(FOLLOWED).doesNotContain(ROUTED);
        assertThat(subjects(agenda.get("matches"))).contains(FOLLOWED).doesNotContain(ROUTED);
        agenda.get("proposals").forEach(item -> {
            if (item.get("subjectRef").asText().equals(FOLLOWED)) {
                assertThat(item.get("followUpOn").asText()).isEqualTo("2026-05-15");
                assertThat(item.get("overdueSince").asText()).isEqualTo("2026-04-11");
            }
        });
        // The read is logged for the youths shown, not for the one the meeting decided about.
        assertThat(accessRecords("agenda.read", FOLLOWED)).isPositive();
        assertThat(accessRecords("agenda.read", ROUTED)).isZero();
        assertThat(jdbc.queryForObject("select decided from agenda_standing where subject_ref = ?", Boolean.class,
                ROUTED)).isTrue();
    }

    @Test
    void theMeetingKeepsItsDecisionAndOnlyThePartnerOfTheOtherRouteLearnsOfIt() throws Exception {
        JsonNode police = timeline(ROUTED, "signaaloverleg", POLICE);
        assertThat(types(police)).contains("nl.ketenbus.case.signal-meeting-decided.v1");

        JsonNode youthCare = timeline(ROUTED, "signaaloverleg", token("jeugdhulp", "professional"));
        assertThat(types(youthCare)).containsExactly("nl.ketenbus.case.signal-meeting-decided.v1");
        JsonNode decision = youthCare.get("entries").get(0);
        assertThat(decision.get("data").get("responsiblePartner").asText()).isEqualTo("JEUGDHULP");
        assertThat(decision.get("rule").asText()).isEqualTo("AGD-21");
        assertThat(timeline(ROUTED, "signaaloverleg", token("onderwijs", "professional"))
                .get("totalEntries").asInt()).isZero();
    }

    @Test
    void theDirectorThePoliceAndTeamOndermijningEachReadWhatTheirRulesGive() throws Exception {
        List<String> director = types(timeline(MEASURED, "pga-casusregie", CASE_DIRECTOR));
        assertThat(director).contains("nl.ketenbus.measure.imposed.v1", "nl.ketenbus.measure.breached.v1",
                "nl.ketenbus.measure.ended.v1", "nl.ketenbus.om.prosecution-decided.v1",
                "nl.ketenbus.ondermijning.riec-referral-answered.v1");

        JsonNode enforcing = timeline(MEASURED, "bestuurlijke-handhaving", POLICE);
        assertThat(types(enforcing)).containsExactlyInAnyOrder("nl.ketenbus.measure.imposed.v1",
                "nl.ketenbus.measure.ended.v1");
        enforcing.get("entries").forEach(entry -> {
            if (entry.get("type").asText().equals("nl.ketenbus.measure.imposed.v1")) {
                assertThat(entry.get("data").get("areaCode").asText()).isEqualTo("WK039401");
                assertThat(entry.get("data").has("caseId")).as("the police do not learn of the case").isFalse();
                assertThat(entry.get("rule").asText()).isEqualTo("MAY-01");
            }
        });

        List<String> team = types(timeline(MEASURED, "aanpak-ondermijning", ONDERMIJNING));
        assertThat(team).containsExactlyInAnyOrder("nl.ketenbus.case.riec-referral-proposed.v1",
                "nl.ketenbus.ondermijning.riec-referral-answered.v1");
    }

    @Test
    void theAnalystCountsDealingLocationsAndMeasuresByKindOfPlaceWithSmallCellsWithheld() throws Exception {
        JsonNode counts = api().get("/v1/aggregates?purpose=halfjaarrapportage&from=2026-03-01&to=2026-05-31"
                + "&groupBy=PLACE_KIND", token("gemeente", "analist")).body();

        List<String> groups = new ArrayList<>();
        counts.get("cells").forEach(cell -> {
            groups.add(cell.get("group").asText());
            assertThat(cell.get("suppressed").asBoolean()).as("one youth is a small cell").isTrue();
            assertThat(cell.get("youths").isNull()).isTrue();
        });
        // One youth's cell is withheld, or left out where its cell key moves it to nought (ADR 0035): the
        // cells listed are exactly those the keys, worked out here from the database's secret, leave in.
        ShownCounts shown = new ShownCounts(jdbc, 5);
        List<String> expected = new ArrayList<>();
        for (String group : List.of("nl.ketenbus.offence.dealing-location-observed.v1 SHOPPING_CENTRE",
                "nl.ketenbus.measure.imposed.v1 TOWN_CENTRE")) {
            List<String> ids = jdbc.queryForList("select event_id from timeline_entry where subject_ref = ? and "
                    + "event_type = ?", String.class, MEASURED, group.substring(0, group.indexOf(' ')));
            assertThat(ids).hasSize(1);
            if (shown.cell(group, List.of(MEASURED), ids).isPresent()) {
                expected.add(group);
            } else {
                assertThat(groups).doesNotContain(group);
            }
        }
        assertThat(groups).containsAll(expected);
        assertThat(groups).noneMatch(group -> group.contains("measure.breached") || group.contains("null"));
    }

    @Test
    void theGroupIsShownOnlyToTheOrganisationsTakingPartInItsApproach() throws Exception {
        JsonNode police = api().get("/v1/groups/" + GROUP, POLICE).body();
        assertThat(police.get("step").asText()).isEqualTo("DECIDED");
        assertThat(police.get("director").asText()).isEqualTo("gemeente-casusregisseur");
        assertThat(texts(police.get("participants"))).containsExactly("gemeente", "politie", "jongerenwerk");
        assertThat(subjects(police.get("members"))).containsExactly(MEASURED);
        assertThat(subjects(police.get("formerMembers"))).containsExactly(FOLLOWED);
        assertThat(accessRecords("group.read", MEASURED)).isPositive();

        // Halt could take part in a group's approach, not in this one: as if there were no such group.
        QueryApi.Response halt = api().get("/v1/groups/" + GROUP, token("halt", "professional"));
        QueryApi.Response unknown = api().get("/v1/groups/group-none", POLICE);
        assertThat(halt.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(halt.body().get("type")).isEqualTo(unknown.body().get("type"));
        // Youth care has no part in the group approach under the covenant at all.
        assertThat(api().get("/v1/groups/" + GROUP, token("jeugdhulp", "professional")).status()).isEqualTo(403);
        // On a member's timeline for the group approach: the facts for a partner taking part, none for another.
        assertThat(types(timeline(MEASURED, "groepsaanpak", POLICE))).contains("nl.ketenbus.group.joined.v1");
        assertThat(api().get("/v1/subjects/" + MEASURED + "/timeline?purpose=groepsaanpak",
                token("halt", "professional")).body().get("totalEntries").asInt()).isZero();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private JsonNode timeline(String youth, String purpose, String token) throws Exception {
        return api().get("/v1/subjects/" + youth + "/timeline?purpose=" + purpose, token).body();
    }

    private QueryApi api() {
        return new QueryApi(port);
    }

    private long accessRecords(String action, String youth) {
        return jdbc.queryForObject("select count(*) from access_log where action = ? and subject_ref = ?", Long.class,
                action, youth);
    }

    private static List<String> subjects(JsonNode items) {
        List<String> subjects = new ArrayList<>();
        items.forEach(item -> subjects.add(item.get("subjectRef").asText()));
        return subjects;
    }

    private static List<String> types(JsonNode timeline) {
        List<String> types = new ArrayList<>();
        timeline.get("entries").forEach(entry -> types.add(entry.get("type").asText()));
        return types;
    }

    private static io.cloudevents.CloudEvent gemeente(String youth, String type, String fields, int days) {
        return event(youth, "gemeente", type, of(youth, fields), MARCH.plusDays(days));
    }

    private static String of(String youth, String fields) {
        return "{\"subjectRef\":\"" + youth + "\"," + fields + "}";
    }
}
