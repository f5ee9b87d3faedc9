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
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import nl.ketenbus.query.access.AggregateAccess;
import nl.ketenbus.query.access.ShownCounts;
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

    /**
     * Each count is moved by its cell key (ADR 0035): the test works out the keys from the database's
     * secret in Java ({@link ShownCounts}) and expects exactly what that gives, shown, withheld or left out.
     */
    @Test
    void letsTheAnalystCountButWithholdsSmallCellsAndNeverShowsAYouth() throws Exception {
        OffsetDateTime june = OffsetDateTime.parse("2025-06-10T10:00:00+02:00");
        String offender = newSubject();
        List<CloudEvent> signals = new ArrayList<>();
        for (int youth = 0; youth < 6; youth++) {
            signals.add(signalRaised(youth == 0 ? offender : newSubject(), "politie", june.plusDays(youth)));
        }
        signals.forEach(records::send);
        CloudEvent offence = offence(offender, "o-1", "BEZIT", "2025-06-01", june);
        records.send(offence);
        awaitEntries(offence);
        String path = "/v1/aggregates?purpose=halfjaarrapportage&from=2025-06-01&to=2025-06-30&groupBy=CATEGORY";
        ShownCounts shown = new ShownCounts(jdbc, 5);

        JsonNode counts = get(path, ANALYST).body();

        assertThat(described(counts, "SIGNAL")).isEqualTo(described(shown.cell("SIGNAL",
                signals.stream().map(CloudEvent::getSubject).toList(), ids(signals))));
        // One youth's offence: withheld, or left out when its key moves it to nought; never shown.
        String offences = described(counts, "OFFENCE");
        assertThat(offences).isEqualTo(described(shown.cell("OFFENCE", List.of(offender), ids(List.of(offence)))));
        assertThat(offences).isIn("left out", "withheld");
        assertThat(counts.get("minimumCellSize").asInt()).isEqualTo(5);
        assertThat(counts.get("maximumDeviation").asInt()).isEqualTo(2);
        // Two youths in July: June and July together count eight, but are withheld, or their difference
        // with June alone would come near July's two.
        List<CloudEvent> july = new ArrayList<>();
        for (int youth = 0; youth < 2; youth++) {
            july.add(signalRaised(newSubject(), "politie", june.plusMonths(1).plusDays(youth)));
        }
        july.forEach(records::send);
        awaitEntries(july.get(0), july.get(1));
        String twoMonths = path.replace("2025-06-30", "2025-07-31");
        JsonNode juneAndJuly = get(twoMonths, ANALYST).body();
        assertThat(described(juneAndJuly, "SIGNAL")).isEqualTo("withheld");
        assertThat(described(get(path, ANALYST).body(), "SIGNAL")).isEqualTo(described(counts, "SIGNAL"));
        assertThat(juneAndJuly.get("periodUnit").asText()).isEqualTo("MONTH");
        // Whole months only (the unit by default): part of June would differ from June by a withheld count.
        Response firstDays = get(path.replace("2025-06-30", "2025-06-12"), ANALYST);
        assertThat(firstDays.status()).isEqualTo(400);
        assertThat(firstDays.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:period-not-whole-units");
    }

    /** Last month: not settled, so counted again at every ask (ADR 0035). */
    @Test
    void leavesAYouthWhoseProcessingIsRestrictedOutOfTheCountsUntilItIsLifted() throws Exception {
        YearMonth month = YearMonth.now(Covenant.ZONE).minusMonths(1);
        OffsetDateTime september = month.atDay(10).atTime(10, 0).atZone(Covenant.ZONE).toOffsetDateTime();
        List<CloudEvent> signals = new ArrayList<>();
        for (int youth = 0; youth < 7; youth++) {
            signals.add(signalRaised(newSubject(), "politie", september.plusDays(youth)));
        }
        signals.forEach(records::send);
        awaitEntries(signals.toArray(CloudEvent[]::new));
        String restricted = signals.get(0).getSubject();
        String path = "/v1/aggregates?purpose=halfjaarrapportage&from=" + month.atDay(1) + "&to="
                + month.atEndOfMonth() + "&groupBy=CATEGORY";
        ShownCounts shown = new ShownCounts(jdbc, 5);
        String all = described(shown.cell("SIGNAL", signals.stream().map(CloudEvent::getSubject).toList(),
                ids(signals)));
        assertThat(described(get(path, ANALYST).body(), "SIGNAL")).isEqualTo(all);
        // The same youths and facts in another grouping have the same cell keys: the same numbers, so that
        // asking in many groupings gives no fresh noise to average away.
        assertThat(described(get(path.replace("CATEGORY", "SIGNAL"), ANALYST).body(),
                "nl.ketenbus.signal.raised.v1 BEZIT MULTIPLE_PHONES")).isEqualTo(all);
        // The access log names the table asked and the rules it was counted under.
        Map<String, Object> logged = jdbc.queryForMap("select detail, array_to_string(rule_ids, ',') as rules "
                + "from access_log where action = 'aggregates.read' order by seq desc limit 1");
        assertThat(logged.get("detail")).isEqualTo("aggregates " + month.atDay(1) + ".." + month.atEndOfMonth()
                + " by SIGNAL in MONTHs");
        assertThat((String) logged.get("rules")).matches("REP-\\d\\d(,REP-\\d\\d)*");

        jdbc.update("insert into processing_restriction (id, subject_ref, ground, restricted_by, restricted_at) "
                + "values (gen_random_uuid(), ?, 'OBJECTION_PENDING', 'privacy-officer-1', now())", restricted);
        List<CloudEvent> others = signals.subList(1, signals.size());
        assertThat(described(get(path, ANALYST).body(), "SIGNAL")).isEqualTo(described(shown.cell("SIGNAL",
                others.stream().map(CloudEvent::getSubject).toList(), ids(others))));

        jdbc.update("update processing_restriction set lifted_by = 'privacy-officer-1', lifted_at = now(), "
                + "subject_informed_on = current_date where subject_ref = ?", restricted);
        assertThat(described(get(path, ANALYST).body(), "SIGNAL")).isEqualTo(all);
    }

    /** A signal its partner withdrew no longer counts; another partner's withdrawal under the same id does not. */
    @Test
    void leavesAWithdrawnSignalOutOfTheCounts() throws Exception {
        YearMonth month = YearMonth.now(Covenant.ZONE).minusMonths(2);
        OffsetDateTime october = month.atDay(10).atTime(10, 0).atZone(Covenant.ZONE).toOffsetDateTime();
        List<CloudEvent> signals = new ArrayList<>();
        for (int youth = 0; youth < 7; youth++) {
            signals.add(signalRaised(newSubject(), "politie", october.plusDays(youth)));
        }
        signals.forEach(records::send);
        awaitEntries(signals.toArray(CloudEvent[]::new));
        String path = "/v1/aggregates?purpose=halfjaarrapportage&from=" + month.atDay(1) + "&to="
                + month.atEndOfMonth() + "&groupBy=SIGNAL";
        String group = "nl.ketenbus.signal.raised.v1 BEZIT MULTIPLE_PHONES";
        ShownCounts shown = new ShownCounts(jdbc, 5);
        assertThat(described(get(path, ANALYST).body(), group)).isEqualTo(described(shown.cell(group,
                signals.stream().map(CloudEvent::getSubject).toList(), ids(signals))));

        CloudEvent withdrawn = withdrawal(signals.get(0), "politie", october.plusDays(20));
        CloudEvent notItsOwn = withdrawal(signals.get(1), "leerplicht", october.plusDays(20));
        records.send(withdrawn);
        records.send(notItsOwn);
        awaitEntries(withdrawn, notItsOwn);
        List<CloudEvent> counted = signals.subList(1, signals.size());
        assertThat(described(get(path, ANALYST).body(), group)).isEqualTo(described(shown.cell(group,
                counted.stream().map(CloudEvent::getSubject).toList(), ids(counted))));
    }

    /**
     * A settled period's first answer is kept (ADR 0035): a youth restricted (or erased, or expired) after
     * it does not change it, so that comparing the two answers cannot show which cells the youth was in.
     */
    @Test
    void keepsTheFirstAnswerOfASettledPeriod() throws Exception {
        OffsetDateTime april = OffsetDateTime.parse("2025-04-10T10:00:00+02:00");
        List<CloudEvent> signals = new ArrayList<>();
        for (int youth = 0; youth < 7; youth++) {
            signals.add(signalRaised(newSubject(), "politie", april.plusDays(youth)));
        }
        signals.forEach(records::send);
        awaitEntries(signals.toArray(CloudEvent[]::new));
        String path = "/v1/aggregates?purpose=halfjaarrapportage&from=2025-04-01&to=2025-04-30&groupBy=SIGNAL";
        String group = "nl.ketenbus.signal.raised.v1 BEZIT MULTIPLE_PHONES";
        String all = described(new ShownCounts(jdbc, 5).cell(group,
                signals.stream().map(CloudEvent::getSubject).toList(), ids(signals)));
        JsonNode first = get(path, ANALYST).body();
        assertThat(described(first, group)).isEqualTo(all);
        assertThat(first.get("frozenOn").asText()).isEqualTo(LocalDate.now(Covenant.ZONE).toString());

        jdbc.update("insert into processing_restriction (id, subject_ref, ground, restricted_by, restricted_at) "
                + "values (gen_random_uuid(), ?, 'OBJECTION_PENDING', 'privacy-officer-1', now())",
                signals.get(0).getSubject());
        JsonNode again = get(path, ANALYST).body();

        assertThat(described(again, group)).isEqualTo(all);
        assertThat(again.get("frozenOn").asText()).isEqualTo(first.get("frozenOn").asText());
        // What is kept is what was shown: no youth's pseudonym, no event of the period.
        String kept = jdbc.queryForObject("select string_agg(cells::text, ' ') from aggregate_answer", String.class);
        assertThat(kept).contains(group);
        signals.forEach(signal -> assertThat(kept).doesNotContain(signal.getSubject()).doesNotContain(signal.getId()));
        // A period not yet settled is counted at every ask.
        YearMonth last = YearMonth.now(Covenant.ZONE).minusMonths(1);
        JsonNode live = get(path.replace("2025-04-01", last.atDay(1).toString())
                .replace("2025-04-30", last.atEndOfMonth().toString()), ANALYST).body();
        assertThat(live.get("frozenOn").isNull()).isTrue();
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
        List<CloudEvent> offences = new ArrayList<>();
        for (int youth = 0; youth < 6; youth++) {
            String subject = newSubject();
            // Five youths of 16 a month before the offences; one of 16 two years before (18 by then).
            String referenceDate = youth < 5 ? "2024-07-01" : "2022-07-01";
            records.send(assessed(subject, referenceDate, 16, august.minusDays(40)));
            offences.add(offence(subject, "o-" + youth, "HANDEL", "2024-08-09", august.plusDays(youth)));
        }
        offences.forEach(records::send);
        awaitEntries(offences.toArray(CloudEvent[]::new));
        String offence = "nl.ketenbus.offence.opium-act-offence-registered.v1 HANDEL ANTECEDENT";
        String byKind = "/v1/aggregates?purpose=halfjaarrapportage&from=2024-08-01&to=2024-08-31&groupBy=OFFENCE_KIND";
        ShownCounts shown = new ShownCounts(jdbc, 5);

        JsonNode kinds = get(byKind, ANALYST).body();
        assertThat(described(kinds, offence)).isEqualTo(described(shown.cell(offence,
                offences.stream().map(CloudEvent::getSubject).toList(), ids(offences))));
        assertThat(kinds.get("covenantId").asText()).isNotBlank();
        assertThat(kinds.get("covenantVersion").asInt()).isPositive();

        JsonNode ages = get(byKind.replace("OFFENCE_KIND", "OFFENCE_AGE_GROUP"), ANALYST).body();
        List<CloudEvent> young = offences.subList(0, 5);
        assertThat(described(ages, offence + " 12-17")).isEqualTo(described(shown.cell(offence,
                young.stream().map(CloudEvent::getSubject).toList(), ids(young))));
        assertThat(described(ages, offence + " 18-21")).as("one youth of 18").isIn("withheld", "left out");
    }

    /**
     * Ten youths of 18 on a reference date the day after their offence were 18 at the offence too (the
     * age moved towards nought, not floored a year down); a later assessment (of an age that does not fit) does not
     * count, the one nearest the offence does. Ten youths: no cell key moves a group of ten to nought.
     */
    @Test
    void countsTheAgeOnTheAssessmentNearestTheOffence() throws Exception {
        OffsetDateTime september = OffsetDateTime.parse("2024-09-10T10:00:00+02:00");
        List<CloudEvent> offences = new ArrayList<>();
        for (int youth = 0; youth < 10; youth++) {
            String subject = newSubject();
            records.send(assessed(subject, "2024-09-11", 18, september.minusDays(1)));
            records.send(assessed(subject, "2027-09-11", 30, september.plusDays(300)));
            offences.add(offence(subject, "o-" + youth, "BEZIT", "2024-09-09", september));
        }
        offences.forEach(records::send);
        awaitEntries(offences.toArray(CloudEvent[]::new));
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("select count(*) from timeline_entry where "
                + "event_type = 'nl.ketenbus.assessment.target-group-assessed.v1' and subject_ref = any(?)",
                Integer.class, (Object) offences.stream().map(CloudEvent::getSubject).toArray(String[]::new)) == 20);

        JsonNode ages = get("/v1/aggregates?purpose=halfjaarrapportage&from=2024-09-01&to=2024-09-30"
                + "&groupBy=OFFENCE_AGE_GROUP", ANALYST).body();

        String offence = "nl.ketenbus.offence.opium-act-offence-registered.v1 BEZIT ANTECEDENT";
        assertThat(described(ages, offence + " 18-21")).matches("\\d+/\\d+");
        assertThat(described(ages, offence + " 12-17")).isEqualTo("left out");
        assertThat(described(ages, offence + " other")).isEqualTo("left out");
    }

    /** An Opium Act offence registered as an antecedent, in a public place. */
    private static CloudEvent offence(String subject, String offenceId, String kind, String committedOn,
                                      OffsetDateTime at) {
        return BackboneRecords.event(subject, "politie", "nl.ketenbus.offence.opium-act-offence-registered.v1",
                "{\"subjectRef\":\"" + subject + "\",\"offenceId\":\"" + offenceId + "\",\"kind\":\"" + kind
                        + "\",\"registration\":\"ANTECEDENT\",\"committedOn\":\"" + committedOn
                        + "\",\"placeKind\":\"PUBLIC_PLACE\"}", at);
    }

    private static CloudEvent assessed(String subject, String referenceDate, int age, OffsetDateTime at) {
        return BackboneRecords.event(subject, "gemeente", "nl.ketenbus.assessment.target-group-assessed.v1",
                "{\"subjectRef\":\"" + subject + "\",\"outcome\":\"CRIMINELE_AANWAS\",\"referenceDate\":\""
                        + referenceDate + "\",\"ageOnReferenceDate\":" + age + ",\"opiumActAntecedents\":1,"
                        + "\"riskIndicators\":2}", at);
    }

    /** What an answer shows of one group: "events/youths", "withheld" or "left out". */
    private static String described(JsonNode answer, String group) {
        for (JsonNode cell : answer.path("cells")) {
            if (cell.get("group").asText().equals(group)) {
                return cell.get("suppressed").asBoolean() ? "withheld"
                        : cell.get("events").asLong() + "/" + cell.get("youths").asLong();
            }
        }
        return "left out";
    }

    private static String described(Optional<AggregateAccess.Cell> cell) {
        return cell.map(shown -> shown.suppressed() ? "withheld" : shown.events() + "/" + shown.youths())
                .orElse("left out");
    }

    private static List<String> ids(List<CloudEvent> events) {
        return events.stream().map(CloudEvent::getId).toList();
    }

    /** Waits until the projection has written these facts. */
    private void awaitEntries(CloudEvent... events) {
        List<String> ids = ids(List.of(events));
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("select count(*) from timeline_entry "
                + "where event_id = any(?)", Integer.class, (Object) ids.toArray(String[]::new)) == ids.size());
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
