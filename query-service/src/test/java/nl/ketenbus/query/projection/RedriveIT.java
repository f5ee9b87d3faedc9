package nl.ketenbus.query.projection;

import static nl.ketenbus.query.support.BackboneRecords.event;
import static nl.ketenbus.query.support.BackboneRecords.participant;
import static nl.ketenbus.query.support.BackboneRecords.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.support.BackboneRecords;
import nl.ketenbus.query.support.QueryApi;
import nl.ketenbus.query.support.QueryApi.Response;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Parked backbone records and their re-drive, against real PostgreSQL and a real broker. A record
 * parked by an earlier release (one that could not read it) is made the way the consumer parks
 * one: a real record, read from the broker with its headers, kept through {@link ParkedRecords}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedriveIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.redrive");
    /** Records written here are never consumed by the projection: the stand-in for what an earlier release parked. */
    private static final String ELSEWHERE = Kafka.forTests().freshTopic("ketenbus.events.parked");
    private static final OffsetDateTime MARCH = OffsetDateTime.parse("2026-03-14T10:00:00+01:00");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ADMINISTRATOR = QueryApi.token("gemeente", "covenant_administrator");
    private static final String OOV = QueryApi.token("gemeente", "professional");
    private static BackboneRecords records;
    private static BackboneRecords elsewhere;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @BeforeAll
    static void producers() {
        Kafka.forTests().createTopic(ELSEWHERE, 1);
        records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC);
        elsewhere = new BackboneRecords(Kafka.forTests().bootstrapServers(), ELSEWHERE);
    }

    @AfterAll
    static void closeProducers() {
        records.close();
        elsewhere.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ParkedRecords parked;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void appliesAParkedRecordThatThisReleaseCanReadOnceAndReleasesIt() throws Exception {
        String subject = newSubject();
        ConsumerRecord<String, byte[]> record = parkAsAnEarlierReleaseWould(subject);
        String path = redrivePath(record);
        long logged = jdbc.queryForObject("select coalesce(max(seq), 0) from access_log", Long.class);

        assertThat(api().get("/v1/operations/parked-records", ADMINISTRATOR).body().findValuesAsText("reason"))
                .contains("unknown type (an earlier release)");
        Response applied = api().post(path, ADMINISTRATOR, "application/json", "");

        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.body().get("result").asText()).isEqualTo("APPLIED");
        assertThat(timeline(subject).path("totalEntries").asInt()).isEqualTo(1);
        assertThat(parkedAt(record)).isZero();
        Response again = api().post(path, ADMINISTRATOR, "application/json", "");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:not-parked");
        String position = record.topic() + "-" + record.partition() + "@" + record.offset();
        assertThat(jdbc.queryForList("select status || ' ' || detail from access_log where action = "
                + "'operations.redrive' and seq > ? order by seq", String.class, logged))
                .as("a governance act, with what came of it").containsExactly("ok record " + position + ": APPLIED",
                        "denied not-parked");
    }

    @Test
    void neverAppliesAnEventTwiceWhenItsCopyWasParked() throws Exception {
        String subject = newSubject();
        ConsumerRecord<String, byte[]> record = parkAsAnEarlierReleaseWould(subject);
        assertThat(api().post(redrivePath(record), ADMINISTRATOR, "application/json", "").status()).isEqualTo(200);
        parked.keep(record, "unknown type (an earlier release)");

        Response copy = api().post(redrivePath(record), ADMINISTRATOR, "application/json", "");

        assertThat(copy.body().get("result").asText()).isEqualTo("ALREADY_APPLIED");
        assertThat(timeline(subject).path("totalEntries").asInt()).isEqualTo(1);
        assertThat(parkedAt(record)).isZero();
    }

    @Test
    void keepsARecordThatIsStillUnusableWithItsReason() throws Exception {
        String subject = newSubject();
        records.sendRaw(subject, "{\"not\":\"a cloudevent\"}".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> row = await().atMost(PATIENCE).until(() -> jdbc.queryForList(
                "select kafka_partition, kafka_offset from unprojectable_event where record_key = ?", subject),
                rows -> rows.size() == 1).get(0);
        String path = "/v1/operations/parked-records/" + TOPIC + "/" + row.get("kafka_partition") + "/"
                + row.get("kafka_offset") + "/redrive";

        Response refused = api().post(path, ADMINISTRATOR, "application/json", "");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:still-unprojectable");
        assertThat(refused.body().get("detail").asText()).contains("not a CloudEvent");
        assertThat(jdbc.queryForObject("select count(*) from unprojectable_event where record_key = ?", Integer.class,
                subject)).isEqualTo(1);
    }

    @Test
    void aFactThatExpiredTakesItsParkedCopyWithItAndNoLaterCopyShowsIt() throws Exception {
        String subject = newSubject();
        CloudEvent signal = signalRaised(subject, "politie", MARCH);
        ConsumerRecord<String, byte[]> record = park(signal);
        CloudEvent expiry = event(subject, "gemeente", "nl.ketenbus.retention.facts-expired.v1", "{\"subjectRef\":\""
                + subject + "\",\"eventIds\":[\"" + signal.getId() + "\"],\"expiredOn\":\"2026-11-30\"}", MARCH);
        records.send(expiry);
        awaitApplied(expiry.getId());

        assertThat(parkedAt(record)).as("the parked copy is forgotten with the fact").isZero();
        assertThat(api().post(redrivePath(record), ADMINISTRATOR, "application/json", "").status()).isEqualTo(404);
        // A copy that comes again (a re-publication of the topic) is a duplicate, never shown.
        parked.keep(record, "unknown type (an earlier release)");
        Response redriven = api().post(redrivePath(record), ADMINISTRATOR, "application/json", "");
        assertThat(redriven.body().get("result").asText()).isEqualTo("ALREADY_APPLIED");
        assertThat(jdbc.queryForObject("select count(*) from timeline_entry where event_id = ?", Integer.class,
                signal.getId())).isZero();
        assertThat(parkedAt(record)).isZero();
    }

    @Test
    void anErasureForgetsTheYouthsParkedRecords() throws Exception {
        String subject = newSubject();
        ConsumerRecord<String, byte[]> record = park(signalRaised(subject, "politie", MARCH));
        records.sendRaw(subject, "{\"not\":\"a cloudevent\"}".getBytes(StandardCharsets.UTF_8));
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("select count(*) from unprojectable_event "
                + "where record_key = ?", Integer.class, subject) == 2);
        CloudEvent erasure = event(subject, "gemeente", "nl.ketenbus.subject.erased.v1", "{\"subjectRef\":\"" + subject
                + "\",\"ground\":\"OBJECTION_UPHELD\",\"erasedOn\":\"2026-11-30\"}", MARCH);
        records.send(erasure);
        awaitApplied(erasure.getId());

        assertThat(jdbc.queryForObject("select count(*) from unprojectable_event where record_key = ?", Integer.class,
                subject)).isZero();
        assertThat(api().post(redrivePath(record), ADMINISTRATOR, "application/json", "").status()).isEqualTo(404);
        // The same record coming again (a re-publication of the topic) is not parked for the erased youth.
        assertThat(parked.keep(record, "unknown type (an earlier release)")).isFalse();
        assertThat(parkedAt(record)).isZero();
    }

    /**
     * A record parked unread held nothing back: once a later fact of its youth was applied, re-driving one that
     * changes who may see the youth would undo that fact (here a participant's join after its leaving, the
     * organisation reading the youth again). It is refused and stays parked. A fact that changes no one's view is
     * applied in any order.
     */
    @Test
    void aParkedRecordThatChangesWhoSeesTheYouthIsNotAppliedAfterItsYouthsLaterFacts() throws Exception {
        String subject = newSubject();
        ConsumerRecord<String, byte[]> joined = park(participant("added", subject, "jeugdhulp", MARCH));
        ConsumerRecord<String, byte[]> signal = park(signalRaised(subject, "politie", MARCH));
        CloudEvent left = io.cloudevents.core.builder.CloudEventBuilder.v1(participant("removed", subject,
                "jeugdhulp", MARCH.plusDays(1))).withExtension("streamsequence", 2L).build();
        records.send(left);
        awaitApplied(left.getId());

        Response refused = api().post(redrivePath(joined), ADMINISTRATOR, "application/json", "");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:out-of-order");
        assertThat(parkedAt(joined)).as("stays parked").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from case_participation where subject_ref = ? "
                + "and organisation = 'jeugdhulp' and until is null", Integer.class, subject)).isZero();

        Response applied = api().post(redrivePath(signal), ADMINISTRATOR, "application/json", "");
        assertThat(applied.body().get("result").asText()).isEqualTo("APPLIED");
    }

    @Test
    void isForTheFunctionalAdministratorOnly() throws Exception {
        assertThat(api().get("/v1/operations/parked-records", OOV).status()).isEqualTo(403);
        assertThat(api().post("/v1/operations/parked-records/" + TOPIC + "/0/0/redrive", OOV, "application/json", "")
                .status()).isEqualTo(403);
    }

    /** A real binary-mode record with its headers, kept as the consumer keeps one it cannot read. */
    private ConsumerRecord<String, byte[]> parkAsAnEarlierReleaseWould(String subject) {
        return park(signalRaised(subject, "politie", MARCH));
    }

    private ConsumerRecord<String, byte[]> park(CloudEvent event) {
        elsewhere.send(event);
        ConsumerRecord<String, byte[]> record = readBack(event.getSubject(), event.getId());
        parked.keep(record, "unknown type (an earlier release)");
        return record;
    }

    private void awaitApplied(String eventId) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("select count(*) from applied_event where event_id = ?",
                Integer.class, eventId) == 1);
    }

    private static ConsumerRecord<String, byte[]> readBack(String subject, String eventId) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.forTests().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "redrive-it-" + UUID.randomUUID());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(ELSEWHERE).stream()
                    .map(info -> new TopicPartition(ELSEWHERE, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (subject.equals(record.key()) && record.headers().lastHeader("ce_id") != null
                            && eventId.equals(new String(record.headers().lastHeader("ce_id").value(),
                            StandardCharsets.UTF_8))) {
                        return record;
                    }
                }
                return null;
            }, found -> found != null);
        }
    }

    private int parkedAt(ConsumerRecord<String, byte[]> record) {
        return jdbc.queryForObject("select count(*) from unprojectable_event where topic = ? and kafka_partition = ? "
                + "and kafka_offset = ?", Integer.class, record.topic(), record.partition(), record.offset());
    }

    private JsonNode timeline(String subject) throws Exception {
        return api().get("/v1/subjects/" + subject + "/timeline?purpose=signaaloverleg", OOV).body();
    }

    private static String redrivePath(ConsumerRecord<String, byte[]> record) {
        return "/v1/operations/parked-records/" + record.topic() + "/" + record.partition() + "/" + record.offset()
                + "/redrive";
    }

    private QueryApi api() {
        return new QueryApi(port);
    }

    private static String newSubject() {
        return "subj-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
