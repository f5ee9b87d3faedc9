package nl.ketenbus.query.timeline;
import static nl.ketenbus.query.support.BackboneRecords.caseDirected;
import static nl.ketenbus.query.support.BackboneRecords.caseOpened;
import static nl.ketenbus.query.support.BackboneRecords.participant;
import static nl.ketenbus.query.support.BackboneRecords.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.events.backbone.PublicationStatus;
import nl.ketenbus.query.projection.ProjectionLag;
import nl.ketenbus.query.support.BackboneRecords;
import nl.ketenbus.query.support.QueryApi.Response;
import nl.ketenbus.query.support.QueryApi;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The projection and the timeline API against real PostgreSQL and a real broker, under the
 * reference covenant: each reader sees what its rule gives, nothing else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TimelineProjectionIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.test");
    private static final String STATUS_TOPIC = Kafka.forTests().freshTopic("ketenbus.publication-status.test");
    private static final OffsetDateTime MARCH = OffsetDateTime.parse("2026-03-14T10:00:00+01:00");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String OOV = reader("gemeente", "professional");
    private static final String POLICE = reader("politie", "professional");
    private static final String CASE_DIRECTOR = reader("gemeente", "casusregisseur");
    /** The user of {@link #CASE_DIRECTOR}: the case's director in person, whom PGA-01 shows the whole case. */
    private static final String DIRECTOR_USER = "gemeente-casusregisseur";
    private static final String YOUTH_CARE = reader("jeugdhulp", "professional");
    private static final String ANALYST = reader("gemeente", "analist");
    private static BackboneRecords records;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
        Kafka.forTests().createTopic(STATUS_TOPIC, 1);
        registry.add("ketenbus.projection.status-topic", () -> STATUS_TOPIC);
    }

    @BeforeAll
    static void producer() {
        records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC);
    }

    @AfterAll
    static void closeProducer() {
        records.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    ProjectionLag lag;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    /**
     * The history is written with COPY, whose text format gives backslashes, tabs and line breaks a
     * meaning of their own: whatever a fact's data holds comes back exactly as it was published.
     */
    @Test
    void keepsTheDataExactlyAsPublishedWhateverCharactersItHolds() throws Exception {
        String subject = newSubject();
        String remark = "tab\there, line\nbreak, carriage\rreturn, back\\slash \\N, \"quoted\", \u00e9, \ud83d\ude00";
        ObjectMapper json = new ObjectMapper();
        ObjectNode data = json.createObjectNode().put("subjectRef", subject).put("signalId", "sig-" + UUID.randomUUID())
                .put("category", "BEZIT").put("indicator", "MULTIPLE_PHONES").put("observedOn", "2026-03-14")
                .put("remark", remark);
        records.send(BackboneRecords.event(subject, "politie", "nl.ketenbus.signal.raised.v1", data.toString(), MARCH));

        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "select count(*) from timeline_entry where subject_ref = ?", Long.class, subject) == 1);
        JsonNode stored = json.readTree(jdbc.queryForObject(
                "select data::text from timeline_entry where subject_ref = ?", String.class, subject));
        assertThat(stored.get("remark").asText()).isEqualTo(remark);
        assertThat(stored).isEqualTo(data);
    }

    @Test
    void showsTheSignalMeetingTheSignalsOfSeveralPartnersOldestFirst() throws Exception {
        String subject = newSubject();
        records.send(signalRaised(subject, "politie", MARCH.plusDays(2)));
        records.send(signalRaised(subject, "leerplicht", MARCH));
        records.send(signalRaised(subject, "jongerenwerk", MARCH.plusDays(1)));

        JsonNode timeline = awaitTimeline(subject, OOV, "signaaloverleg", 3);

        assertThat(timeline.get("entries")).extracting(entry -> entry.get("sourceOrganisation").asText())
                .containsExactly("leerplicht", "jongerenwerk", "politie");
        JsonNode first = timeline.get("entries").get(0);
        assertThat(first.get("type").asText()).isEqualTo("nl.ketenbus.signal.raised.v1");
        assertThat(first.get("data").get("indicator").asText()).isEqualTo("MULTIPLE_PHONES");
        assertThat(first.get("occurredAt").asText()).isEqualTo("2026-03-14T09:00:00Z");
        assertThat(first.get("rule").asText()).isEqualTo("SIG-04");
        assertThat(first.get("covenantVersion").asInt()).isEqualTo(1);
    }

    @Test
    void marksWhatTheRuleDoesNotShowAsRedacted() throws Exception {
        String subject = newSubject();
        records.send(signalRaised(subject, "leerplicht", MARCH));

        JsonNode entry = awaitTimeline(subject, POLICE, "signaaloverleg", 1).get("entries").get(0);

        assertThat(entry.get("data").has("signalId")).isFalse();
        assertThat(entry.get("data").get("category").asText()).isEqualTo("BEZIT");
        assertThat(entry.get("redacted")).extracting(JsonNode::asText).containsExactly("signalId");
        assertThat(entry.get("rule").asText()).isEqualTo("SIG-01");
    }

    @Test
    void showsTheCaseDirectorTheWholeHistoryOnlyOnceTheCaseIsOpen() throws Exception {
        String subject = newSubject();
        records.send(signalRaised(subject, "politie", MARCH));
        awaitTimeline(subject, OOV, "signaaloverleg", 1);
        assertThat(timeline(subject, CASE_DIRECTOR, "pga-casusregie").body().get("totalEntries").asInt()).isZero();

        records.send(caseOpened(subject, MARCH.plusDays(5)));
        records.send(caseDirected(subject, DIRECTOR_USER, MARCH.plusDays(5)));

        JsonNode timeline = awaitTimeline(subject, CASE_DIRECTOR, "pga-casusregie", 3);
        assertThat(timeline.get("entries")).extracting(entry -> entry.get("rule").asText()).containsOnly("PGA-01");
        assertThat(timeline.at("/entries/0/data/signalId").isTextual()).isTrue();
        assertThat(timeline.at("/entries/0/redacted")).isEmpty();
    }

    @Test
    void letsAPartnerSeeTheCaseWhileItTakesPartAndNotAfterItLeft() throws Exception {
        String subject = newSubject();
        records.send(caseOpened(subject, MARCH));
        records.send(caseDirected(subject, DIRECTOR_USER, MARCH));
        records.send(participant("added", subject, "jeugdhulp", MARCH.plusDays(1)));
        awaitTimeline(subject, YOUTH_CARE, "pga-casusregie", 3);

        records.send(participant("removed", subject, "jeugdhulp", MARCH.plusDays(2)));

        awaitTimeline(subject, YOUTH_CARE, "pga-casusregie", 0);
        awaitTimeline(subject, CASE_DIRECTOR, "pga-casusregie", 4);
    }

    @Test
    void answersAYouthTheReaderMayNotSeeLikeAYouthThatDoesNotExist() throws Exception {
        String subject = newSubject();
        records.send(signalRaised(subject, "politie", MARCH));
        awaitTimeline(subject, OOV, "signaaloverleg", 1);

        JsonNode hidden = timeline(subject, YOUTH_CARE, "pga-casusregie").body();
        JsonNode unknown = timeline(newSubject(), YOUTH_CARE, "pga-casusregie").body();

        assertThat(hidden.get("totalEntries").asInt()).isZero();
        assertThat(hidden.get("entries")).isEmpty();
        JsonNode hiddenWithoutSubject = ((com.fasterxml.jackson.databind.node.ObjectNode) hidden.deepCopy()).without("subjectRef");
        JsonNode unknownWithoutSubject = ((com.fasterxml.jackson.databind.node.ObjectNode) unknown.deepCopy()).without("subjectRef");
        assertThat(hiddenWithoutSubject.toString()).isEqualTo(unknownWithoutSubject.toString());
    }

    @Test
    void refusesAPurposeTheCovenantGivesTheRoleNothingFor() throws Exception {
        Response response = timeline(newSubject(), CASE_DIRECTOR, "zvh-escalatie");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:purpose-not-allowed");
    }

    @Test
    void filtersByCategoryPartnerAndPeriod() throws Exception {
        String subject = newSubject();
        records.send(signalRaised(subject, "politie", MARCH));
        records.send(signalRaised(subject, "leerplicht", MARCH.plusDays(1)));
        records.send(caseOpened(subject, MARCH.plusDays(2)));
        records.send(caseDirected(subject, DIRECTOR_USER, MARCH.plusDays(2)));
        awaitTimeline(subject, CASE_DIRECTOR, "pga-casusregie", 4);

        JsonNode signals = get("/v1/subjects/" + subject + "/timeline?purpose=pga-casusregie&category=SIGNAL", CASE_DIRECTOR).body();
        JsonNode fromPolice = get("/v1/subjects/" + subject + "/timeline?purpose=pga-casusregie&partner=politie", CASE_DIRECTOR).body();

        assertThat(signals.get("totalEntries").asInt()).isEqualTo(2);
        assertThat(fromPolice.get("entries")).extracting(entry -> entry.get("sourceOrganisation").asText())
                .containsExactly("politie");

        // Days in Amsterdam, both ends kept, by when the facts occurred.
        String timeline = "/v1/subjects/" + subject + "/timeline?purpose=pga-casusregie";
        LocalDate second = MARCH.plusDays(1).atZoneSameInstant(Covenant.ZONE).toLocalDate();
        JsonNode secondDay = get(timeline + "&from=" + second + "&to=" + second, CASE_DIRECTOR).body();
        assertThat(secondDay.get("totalEntries").asInt()).isEqualTo(1);
        assertThat(secondDay.get("entries")).extracting(entry -> entry.get("sourceOrganisation").asText())
                .containsExactly("leerplicht");
        JsonNode fromSecond = get(timeline + "&from=" + second + "&category=SIGNAL", CASE_DIRECTOR).body();
        assertThat(fromSecond.get("totalEntries").asInt()).as("open at its end, with a category").isEqualTo(1);
        assertThat(get(timeline + "&to=" + second.minusDays(1), CASE_DIRECTOR).body().get("totalEntries").asInt())
                .as("open at its start").isEqualTo(1);
        Response backwards = get(timeline + "&from=" + second + "&to=" + second.minusDays(1), CASE_DIRECTOR);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:invalid-period");
        assertThat(get(timeline + "&from=2026-13-01", CASE_DIRECTOR).status()).as("not a day").isEqualTo(400);
    }

    @Test
    void aPeriodIsWholeDaysInAmsterdamAlsoOnTheDaySummerTimeStarts() throws Exception {
        String subject = newSubject();
        for (String at : List.of("2026-03-14T23:30:00+01:00", "2026-03-15T00:30:00+01:00",
                "2026-03-29T00:30:00+01:00", "2026-03-29T23:30:00+02:00", "2026-03-30T00:30:00+02:00")) {
            records.send(signalRaised(subject, "politie", OffsetDateTime.parse(at)));
        }
        awaitTimeline(subject, OOV, "signaaloverleg", 5);
        String timeline = "/v1/subjects/" + subject + "/timeline?purpose=signaaloverleg";

        assertThat(get(timeline + "&from=2026-03-15&to=2026-03-15", OOV).body().get("totalEntries").asInt())
                .as("00:30 in Amsterdam, 23:30 the day before in UTC").isEqualTo(1);
        assertThat(get(timeline + "&from=2026-03-29&to=2026-03-29", OOV).body().get("totalEntries").asInt())
                .as("a day of 23 hours").isEqualTo(2);
        assertThat(get(timeline + "&to=2026-03-14", OOV).body().get("totalEntries").asInt()).isEqualTo(1);
        assertThat(get(timeline + "&from=%2B10000-01-01", OOV).status()).as("a year beyond the database's")
                .isEqualTo(400);
    }

    @Test
    void appliesARepublishedCopyOnlyOnce() throws Exception {
        String subject = newSubject();
        double duplicatesBefore = outcome("duplicate");
        CloudEvent event = signalRaised(subject, "politie", MARCH);
        records.send(event);
        records.send(event);
        records.send(signalRaised(subject, "politie", MARCH.plusDays(1)));

        awaitTimeline(subject, OOV, "signaaloverleg", 2);

        await().atMost(PATIENCE).until(() -> outcome("duplicate") >= duplicatesBefore + 1);
        assertThat(jdbc.queryForObject("select count(*) from timeline_entry where event_id = ?", Integer.class,
                event.getId())).isEqualTo(1);
    }

    @Test
    void keepsAnUnusableRecordWithItsReasonAndGoesOn() throws Exception {
        String subject = newSubject();
        records.sendRaw(subject, "{\"not\":\"a cloudevent\"}".getBytes(StandardCharsets.UTF_8));
        records.send(signalRaised(subject, "politie", MARCH));

        awaitTimeline(subject, OOV, "signaaloverleg", 1);

        assertThat(jdbc.queryForObject("select reason from unprojectable_event where record_key = ?", String.class,
                subject)).startsWith("not a CloudEvent");
    }

    /**
     * A faulty producer's attribute values are not repeated in the reason, which is logged, kept with the parked
     * record and shown to the administrator: a time, a source, an extension holding a name.
     */
    @Test
    void theReasonNeverRepeatsWhatAProducerWroteIntoAnAttribute() throws Exception {
        String subject = newSubject();
        byte[] data = ("{\"subjectRef\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8);
        records.sendRaw(subject, data, "ce_specversion", "1.0", "ce_id", "id-1", "ce_source",
                "urn:ketenbus:org:politie", "ce_type", "nl.ketenbus.signal.raised.v1", "ce_subject", subject,
                "ce_time", "Jan Jansen", "content-type", "application/json");
        records.send(CloudEventBuilder.v1(signalRaised(subject, "politie", MARCH))
                .withSource(URI.create("mailto:jan.jansen@example.nl")).build());
        records.send(CloudEventBuilder.v1(signalRaised(subject, "politie", MARCH))
                .withExtension("recordedtime", "Jan Jansen").build());
        records.send(signalRaised(subject, "politie", MARCH));

        awaitTimeline(subject, OOV, "signaaloverleg", 1);

        List<String> reasons = jdbc.queryForList("select reason from unprojectable_event where record_key = ? "
                + "order by kafka_offset", String.class, subject);
        assertThat(reasons).hasSize(3).allSatisfy(reason -> assertThat(reason).doesNotContain("Jansen", "jansen"));
        assertThat(reasons.get(0)).startsWith("not a CloudEvent (");
        assertThat(reasons.get(1)).isEqualTo("source is not a partner");
        assertThat(reasons.get(2)).isEqualTo("recordedtime is not a timestamp");
    }

    @Test
    void storesItsPositionBesideTheReadModel() throws Exception {
        String subject = newSubject();
        records.send(signalRaised(subject, "politie", MARCH));
        awaitTimeline(subject, OOV, "signaaloverleg", 1);

        long endOffsets = Kafka.forTests().admin().listOffsets(Map.of(
                        new TopicPartition(TOPIC, 0), OffsetSpec.latest(),
                        new TopicPartition(TOPIC, 1), OffsetSpec.latest(),
                        new TopicPartition(TOPIC, 2), OffsetSpec.latest()))
                .all().get().values().stream().mapToLong(info -> info.offset()).sum();
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "select coalesce(sum(next_offset), 0) from consumer_position where topic = ?", Long.class, TOPIC),
                stored -> stored == endOffsets);
    }

    @Test
    void pagesTheTimeline() throws Exception {
        String subject = newSubject();
        for (int day = 0; day < 5; day++) {
            records.send(signalRaised(subject, "politie", MARCH.plusDays(day)));
        }
        awaitTimeline(subject, OOV, "signaaloverleg", 5);

        JsonNode page = get("/v1/subjects/" + subject + "/timeline?purpose=signaaloverleg&page=1&size=2", OOV).body();

        assertThat(page.get("totalEntries").asLong()).isEqualTo(5);
        assertThat(page.get("entries")).hasSize(2);
        assertThat(page.get("entries").get(0).get("occurredAt").asText()).isEqualTo("2026-03-16T09:00:00Z");
    }

    @Test
    void refusesAReaderWithoutAToken() throws Exception {
        Response response = get("/v1/subjects/" + newSubject() + "/timeline?purpose=signaaloverleg", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:unauthenticated");
    }

    @Test
    void letsTheAnalystCountButWithholdsSmallCellsAndNeverShowsAYouth() throws Exception {
        OffsetDateTime june = OffsetDateTime.parse("2025-06-10T10:00:00+02:00");
        String offender = newSubject();
        for (int youth = 0; youth < 6; youth++) {
            records.send(signalRaised(youth == 0 ? offender : newSubject(), "politie", june.plusDays(youth)));
        }
        records.send(BackboneRecords.event(offender, "politie", "nl.ketenbus.offence.opium-act-offence-registered.v1",
                "{\"subjectRef\":\"" + offender + "\",\"offenceId\":\"o-1\",\"kind\":\"BEZIT\","
                        + "\"registration\":\"ANTECEDENT\",\"committedOn\":\"2025-06-01\",\"placeKind\":\"PUBLIC_PLACE\"}",
                june));
        String path = "/v1/aggregates?purpose=halfjaarrapportage&from=2025-06-01&to=2025-06-30&groupBy=CATEGORY";

        JsonNode counts = await().atMost(PATIENCE).until(() -> get(path, ANALYST).body(),
                body -> body.path("cells").size() == 2);

        JsonNode signals = counts.get("cells").get(1);
        assertThat(signals.get("group").asText()).isEqualTo("SIGNAL");
        assertThat(signals.get("events").asLong()).isEqualTo(6);
        assertThat(signals.get("youths").asLong()).isEqualTo(6);
        JsonNode offences = counts.get("cells").get(0);
        assertThat(offences.get("group").asText()).isEqualTo("OFFENCE");
        assertThat(offences.get("suppressed").asBoolean()).isTrue();
        assertThat(offences.get("events").isNull()).isTrue();
        assertThat(counts.get("minimumCellSize").asInt()).isEqualTo(5);
        // Two youths in July: June and July together count eight, but are withheld, or their difference
        // with June alone (shown: six) would show July's two.
        for (int youth = 0; youth < 2; youth++) {
            records.send(signalRaised(newSubject(), "politie", june.plusMonths(1).plusDays(youth)));
        }
        String twoMonths = path.replace("2025-06-30", "2025-07-31");
        await().atMost(PATIENCE).until(() -> get(twoMonths.replace("2025-06-01", "2025-07-01"), ANALYST).body()
                .path("cells").size() == 1);
        JsonNode juneAndJuly = get(twoMonths, ANALYST).body();
        assertThat(juneAndJuly.get("cells").get(1).get("group").asText()).isEqualTo("SIGNAL");
        assertThat(juneAndJuly.get("cells").get(1).get("suppressed").asBoolean()).isTrue();
        assertThat(get(path, ANALYST).body().get("cells").get(1).get("youths").asLong()).isEqualTo(6);
        assertThat(juneAndJuly.get("periodUnit").asText()).isEqualTo("MONTH");
        // Whole months only (the unit by default): part of June would differ from June by a withheld count.
        Response firstDays = get(path.replace("2025-06-30", "2025-06-12"), ANALYST);
        assertThat(firstDays.status()).isEqualTo(400);
        assertThat(firstDays.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:period-not-whole-units");
    }

    @Test
    void leavesAYouthWhoseProcessingIsRestrictedOutOfTheCountsUntilItIsLifted() throws Exception {
        OffsetDateTime september = OffsetDateTime.parse("2025-09-10T10:00:00+02:00");
        String restricted = newSubject();
        for (int youth = 0; youth < 7; youth++) {
            records.send(signalRaised(youth == 0 ? restricted : newSubject(), "politie", september.plusDays(youth)));
        }
        String path = "/v1/aggregates?purpose=halfjaarrapportage&from=2025-09-01&to=2025-09-30&groupBy=CATEGORY";
        await().atMost(PATIENCE).until(() -> get(path, ANALYST).body().at("/cells/0/youths").asLong() == 7);

        jdbc.update("insert into processing_restriction (id, subject_ref, ground, restricted_by, restricted_at) "
                + "values (gen_random_uuid(), ?, 'OBJECTION_PENDING', 'privacy-officer-1', now())", restricted);
        JsonNode counted = get(path, ANALYST).body();
        assertThat(counted.at("/cells/0/youths").asLong()).isEqualTo(6);
        assertThat(counted.at("/cells/0/events").asLong()).isEqualTo(6);

        jdbc.update("update processing_restriction set lifted_by = 'privacy-officer-1', lifted_at = now(), "
                + "subject_informed_on = current_date where subject_ref = ?", restricted);
        assertThat(get(path, ANALYST).body().at("/cells/0/youths").asLong()).isEqualTo(7);
    }

    /** A signal its partner withdrew no longer counts; another partner's withdrawal under the same id does not. */
    @Test
    void leavesAWithdrawnSignalOutOfTheCounts() throws Exception {
        OffsetDateTime october = OffsetDateTime.parse("2025-10-10T10:00:00+02:00");
        List<CloudEvent> signals = new ArrayList<>();
        for (int youth = 0; youth < 7; youth++) {
            CloudEvent signal = signalRaised(newSubject(), "politie", october.plusDays(youth));
            signals.add(signal);
            records.send(signal);
        }
        String path = "/v1/aggregates?purpose=halfjaarrapportage&from=2025-10-01&to=2025-10-31&groupBy=SIGNAL";
        await().atMost(PATIENCE).until(() -> get(path, ANALYST).body().at("/cells/0/youths").asLong() == 7);

        records.send(withdrawal(signals.get(0), "politie", october.plusDays(20)));
        CloudEvent notItsOwn = withdrawal(signals.get(1), "leerplicht", october.plusDays(20));
        records.send(notItsOwn);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("select count(*) from timeline_entry "
                + "where event_id = ?", Integer.class, notItsOwn.getId()) == 1);
        JsonNode counted = get(path, ANALYST).body();
        assertThat(counted.at("/cells/0/youths").asLong()).isEqualTo(6);
        assertThat(counted.at("/cells/0/events").asLong()).isEqualTo(6);
    }

    private static CloudEvent withdrawal(CloudEvent signal, String organisation, OffsetDateTime at) throws Exception {
        String signalId = new ObjectMapper().readTree(signal.getData().toBytes()).get("signalId").asText();
        return BackboneRecords.event(signal.getSubject(), organisation, "nl.ketenbus.signal.withdrawn.v1",
                "{\"subjectRef\":\"" + signal.getSubject() + "\",\"signalId\":\"" + signalId
                        + "\",\"reason\":\"MISTAKEN\"}", at);
    }

    @Test
    void countsOpiumActOffencesByKindAndByTheYouthsAgeGroupThenUnderTheCovenantVersion() throws Exception {
        OffsetDateTime august = OffsetDateTime.parse("2024-08-10T10:00:00+02:00");
        for (int youth = 0; youth < 6; youth++) {
            String subject = newSubject();
            // Five youths of 16 a month before the offences; one of 16 two years before (18 by then).
            String referenceDate = youth < 5 ? "2024-07-01" : "2022-07-01";
            records.send(BackboneRecords.event(subject, "gemeente", "nl.ketenbus.assessment.target-group-assessed.v1",
                    "{\"subjectRef\":\"" + subject + "\",\"outcome\":\"CRIMINELE_AANWAS\",\"referenceDate\":\""
                            + referenceDate + "\",\"ageOnReferenceDate\":16,\"opiumActAntecedents\":1,"
                            + "\"riskIndicators\":2}", august.minusDays(40)));
            records.send(BackboneRecords.event(subject, "politie",
                    "nl.ketenbus.offence.opium-act-offence-registered.v1",
                    "{\"subjectRef\":\"" + subject + "\",\"offenceId\":\"o-" + youth + "\",\"kind\":\"HANDEL\","
                            + "\"registration\":\"ANTECEDENT\",\"committedOn\":\"2024-08-09\","
                            + "\"placeKind\":\"PUBLIC_PLACE\"}", august.plusDays(youth)));
        }
        String offence = "nl.ketenbus.offence.opium-act-offence-registered.v1 HANDEL ANTECEDENT";
        String byKind = "/v1/aggregates?purpose=halfjaarrapportage&from=2024-08-01&to=2024-08-31&groupBy=OFFENCE_KIND";

        JsonNode kinds = await().atMost(PATIENCE).until(() -> get(byKind, ANALYST).body(),
                body -> body.path("cells").toString().contains("\"youths\":6"));
        assertThat(kinds.get("cells")).hasSize(1);
        assertThat(kinds.at("/cells/0/group").asText()).isEqualTo(offence);
        assertThat(kinds.get("covenantId").asText()).isNotBlank();
        assertThat(kinds.get("covenantVersion").asInt()).isPositive();

        JsonNode ages = get(byKind.replace("OFFENCE_KIND", "OFFENCE_AGE_GROUP"), ANALYST).body();
        assertThat(ages.get("cells")).hasSize(2);
        assertThat(ages.at("/cells/0/group").asText()).isEqualTo(offence + " 12-17");
        assertThat(ages.at("/cells/0/youths").asLong()).isEqualTo(5);
        assertThat(ages.at("/cells/1/group").asText()).isEqualTo(offence + " 18-21");
        assertThat(ages.at("/cells/1/suppressed").asBoolean()).as("one youth of 18").isTrue();
    }

    @Test
    void refusesTheAnalystATimelineAndOthersTheAggregates() throws Exception {
        Response timeline = timeline(newSubject(), ANALYST, "halfjaarrapportage");
        assertThat(timeline.status()).isEqualTo(403);
        // Refused at the edge: the covenant names no rule for the analyst's role on a single youth.
        assertThat(timeline.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:role-not-held");

        Response counts = get("/v1/aggregates?purpose=pga-casusregie&from=2025-01-01&to=2025-12-31", CASE_DIRECTOR);
        assertThat(counts.status()).isEqualTo(403);
        assertThat(counts.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:role-not-held");
        Response backwards = get("/v1/aggregates?purpose=halfjaarrapportage&from=2025-12-31&to=2025-01-01", ANALYST);
        assertThat(backwards.status()).isEqualTo(400);
    }

    @Test
    void describesEveryEndpointInOpenApi() throws Exception {
        Response description = get("/v3/api-docs", null);

        assertThat(description.status()).isEqualTo(200);
        // Every path any controller serves under /v1, so that a new endpoint cannot go undescribed.
        List<String> served = mappings.getHandlerMethods().keySet().stream()
                .flatMap(info -> info.getPatternValues().stream()).filter(path -> path.startsWith("/v1/")).toList();
        assertThat(served).contains("/v1/subjects/{subjectRef}/timeline", "/v1/subjects/{subjectRef}/case",
                "/v1/signal-meeting/agenda", "/v1/work-list", "/v1/audit/verification");
        assertThat(description.body().get("paths").fieldNames()).toIterable().containsAll(served);
    }

    @Test
    void measuresHowFarBehindTheTopicAndTheStoreTheReadModelsAre() throws Exception {
        String subject = newSubject();
        awaitNoLag();
        MessageListenerContainer projection = listeners.getListenerContainer("projection");
        projection.stop();
        try {
            for (int i = 0; i < 3; i++) {
                records.send(signalRaised(subject, "politie", MARCH.plusDays(i)));
            }
            assertThat(lag.measure().storeEvents()).as("nothing announced yet: the topic only").isEqualTo(3);
            Instant unpublishedSince = Instant.now().minusSeconds(60);
            records.announce(STATUS_TOPIC, new PublicationStatus(5, unpublishedSince, Instant.now()));

            ProjectionLag.Behind behind = lag.measure();

            assertThat(behind.topicRecords()).isEqualTo(3);
            assertThat(behind.storeEvents()).isEqualTo(8);
            assertThat(behind.storeSeconds()).isGreaterThanOrEqualTo(60.0);
            assertThat(meters.get("ketenbus.projection.lag").tag("processor", "projection").gauge().value())
                    .isEqualTo(3.0);
            assertThat(meters.get("ketenbus.projection.behind.store.events").gauge().value()).isEqualTo(8.0);
            assertThat(lag.health().getDetails().get("behindStore")).asString()
                    .contains("events=8", "unpublished=5");
        } finally {
            projection.start();
        }
        awaitNoLag();
        records.announce(STATUS_TOPIC, new PublicationStatus(0, null, Instant.now()));
        ProjectionLag.Behind caughtUp = lag.measure();
        assertThat(caughtUp.storeEvents()).isZero();
        assertThat(caughtUp.storeSeconds()).isZero();
    }

    private void awaitNoLag() {
        await().atMost(PATIENCE).until(() -> lag.refresh() == 0);
    }

    @Test
    void answersInvalidParametersWithAProblem() throws Exception {
        Response response = get("/v1/subjects/no!/timeline?purpose=signaaloverleg&size=5000", OOV);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(400);
    }

    private JsonNode awaitTimeline(String subject, String token, String purpose, int entries) {
        return await().atMost(PATIENCE).until(() -> timeline(subject, token, purpose).body(),
                timeline -> timeline.path("totalEntries").asInt(-1) == entries);
    }

    private Response timeline(String subject, String token, String purpose) throws Exception {
        return get("/v1/subjects/" + subject + "/timeline?purpose=" + purpose, token);
    }

    private double outcome(String outcome) {
        return meters.get("ketenbus.projection.records").tag("outcome", outcome).counter().count();
    }

    private Response get(String path, String token) throws Exception {
        return new QueryApi(port).get(path, token);
    }

    private static String reader(String organisation, String role) {
        return QueryApi.token(organisation, role);
    }

    private static String newSubject() {
        return "subj-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
