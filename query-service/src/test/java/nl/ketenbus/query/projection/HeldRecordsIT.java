package nl.ketenbus.query.projection;

import static nl.ketenbus.query.support.BackboneRecords.event;
import static nl.ketenbus.query.support.BackboneRecords.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.support.BackboneRecords;
import nl.ketenbus.query.support.QueryApi;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A backbone record the projection cannot apply, batch after batch, is held with its youth's later records
 * instead of holding up every read model (ADR 0033), on a real broker and real PostgreSQL. The defect is a
 * trigger on the timeline that refuses the facts of the youths listed in a table of the test's own: every batch
 * with such a fact fails as a defect would, with the database answering; emptying the table is the fix.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ketenbus.projection.hold-after-attempts=2", "ketenbus.projection.retry-interval=200ms",
        // The test runs the passes itself.
        "ketenbus.projection.held-retry-interval=PT1H"})
class HeldRecordsIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.held");
    private static final OffsetDateTime MARCH = OffsetDateTime.parse("2026-03-14T10:00:00+01:00");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ADMINISTRATOR = QueryApi.token("gemeente", "covenant_administrator");
    private static BackboneRecords records;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
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
    HeldRecordPass pass;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void aDefectForTheListedYouths() {
        jdbc.execute("create table if not exists held_test_fault (subject_ref varchar(80) primary key)");
        jdbc.execute("create or replace function held_test_fault() returns trigger language plpgsql as $$ begin "
                + "if exists (select 1 from held_test_fault where subject_ref = new.subject_ref) then "
                + "raise exception 'a defect of the test'; end if; return new; end $$");
        jdbc.execute("drop trigger if exists held_test_fault on timeline_entry");
        jdbc.execute("create trigger held_test_fault before insert on timeline_entry for each row "
                + "execute function held_test_fault()");
    }

    @AfterEach
    void noDefect() {
        jdbc.execute("drop trigger if exists held_test_fault on timeline_entry");
        jdbc.update("delete from held_test_fault");
    }

    @Test
    void aRecordThatCannotBeAppliedIsHeldTheOthersGoOnAndAfterTheFixItsYouthsRecordsAreAppliedInOrder()
            throws Exception {
        String failing = newSubject();
        // On the same partition: what holds up the failing youth's partition would hold up the other's fact too.
        String other = newSubjectOnThePartitionOf(failing);
        jdbc.update("insert into held_test_fault values (?)", failing);
        CloudEvent first = signalRaised(failing, "politie", MARCH);
        CloudEvent second = signalRaised(failing, "halt", MARCH.plusDays(1));
        CloudEvent others = signalRaised(other, "politie", MARCH);
        double heldBefore = heldCount();

        records.send(first);
        records.send(others);
        records.send(second);

        // The other youth's fact reaches the read models; the failing youth's two wait, in order, behind the first.
        awaitApplied(others.getId());
        await().atMost(PATIENCE).until(() -> heldOf(failing).size() == 2);
        List<String> reasons = heldOf(failing);
        assertThat(reasons.get(0)).startsWith(ProjectionConsumer.FAILED).contains("PSQLException");
        assertThat(reasons.get(1)).isEqualTo(ProjectionConsumer.BEHIND);
        assertThat(applied(first.getId(), second.getId())).isEmpty();
        assertThat(heldCount() - heldBefore).isEqualTo(2.0);

        // The second may not be re-driven before the first.
        QueryApi.Response early = new QueryApi(port).post(redrivePath(failing, 1), ADMINISTRATOR,
                "application/json", "");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:held-behind");

        // Tried again before the fix: both stay, the first with one more attempt.
        assertThat(pass.retry()).isZero();
        assertThat(heldOf(failing)).hasSize(2);
        assertThat(jdbc.queryForList("select attempts from unprojectable_event where record_key = ? "
                + "order by kafka_partition, kafka_offset", Integer.class, failing)).containsExactly(1, 0);
        assertThat(meters.get("ketenbus.projection.held.records").gauge().value()).isEqualTo(2.0);

        jdbc.update("delete from held_test_fault");
        assertThat(pass.retry()).isEqualTo(2);

        assertThat(heldOf(failing)).isEmpty();
        assertThat(applied(first.getId(), second.getId())).containsExactly(first.getId(), second.getId());
        assertThat(meters.get("ketenbus.projection.held.records").gauge().value()).isZero();
        // Nothing is held any more: the youth's next fact is applied as it comes.
        CloudEvent third = signalRaised(failing, "politie", MARCH.plusDays(2));
        records.send(third);
        awaitApplied(third.getId());
        assertThat(heldOf(failing)).isEmpty();
    }

    /** An erasure only takes away: it is applied at once, held records or not, and takes them with it. */
    @Test
    void anErasureIsNotHeldAndForgetsTheYouthsHeldRecords() throws Exception {
        String erased = newSubject();
        jdbc.update("insert into held_test_fault values (?)", erased);
        records.send(signalRaised(erased, "politie", MARCH));
        await().atMost(PATIENCE).until(() -> heldOf(erased).size() == 1);

        CloudEvent erasure = event(erased, "gemeente", "nl.ketenbus.subject.erased.v1", "{\"subjectRef\":\"" + erased
                + "\",\"ground\":\"OBJECTION_UPHELD\",\"erasedOn\":\"2026-11-30\"}", MARCH.plusDays(1));
        records.send(erasure);

        awaitApplied(erasure.getId());
        assertThat(jdbc.queryForObject("select count(*) from unprojectable_event where record_key = ?", Integer.class,
                erased)).isZero();
        jdbc.update("delete from held_test_fault");
        assertThat(pass.retry()).isZero();
        assertThat(timelineEntriesOf(erased)).isZero();
    }

    /**
     * An expiry only takes away too: applied at once, it forgets the held copy of the fact it names and marks its
     * event applied, so that nothing shows it later, not even after the fix.
     */
    @Test
    void anExpiryIsNotHeldAndTakesTheHeldCopyOfItsFactWithIt() throws Exception {
        String youth = newSubject();
        jdbc.update("insert into held_test_fault values (?)", youth);
        CloudEvent signal = signalRaised(youth, "politie", MARCH);
        records.send(signal);
        await().atMost(PATIENCE).until(() -> heldOf(youth).size() == 1);

        CloudEvent expiry = event(youth, "gemeente", "nl.ketenbus.retention.facts-expired.v1", "{\"subjectRef\":\""
                + youth + "\",\"eventIds\":[\"" + signal.getId() + "\"],\"expiredOn\":\"2026-11-30\"}",
                MARCH.plusDays(1));
        records.send(expiry);

        awaitApplied(expiry.getId());
        assertThat(heldOf(youth)).isEmpty();
        jdbc.update("delete from held_test_fault");
        assertThat(pass.retry()).isZero();
        assertThat(timelineEntriesOf(youth)).isZero();
        assertThat(applied(signal.getId())).as("its event marked applied: a later copy is a duplicate")
                .containsExactly(signal.getId());
    }

    private double heldCount() {
        return meters.get("ketenbus.projection.records").tag("outcome", ProjectionConsumer.HELD).counter().count();
    }

    private int timelineEntriesOf(String youth) {
        return jdbc.queryForObject("select count(*) from timeline_entry where subject_ref = ?", Integer.class, youth);
    }

    /** The reasons of the youth's held records, in the topic's order. */
    private List<String> heldOf(String youth) {
        return jdbc.queryForList("select reason from unprojectable_event where holds_youth and record_key = ? "
                + "order by kafka_partition, kafka_offset", String.class, youth);
    }

    /** Which of these events were applied, in the order they were. */
    private List<String> applied(String... eventIds) {
        return jdbc.queryForList("select event_id from applied_event where event_id = any(?) order by applied_at",
                String.class, (Object) eventIds);
    }

    private String redrivePath(String youth, int index) {
        Map<String, Object> row = jdbc.queryForList("select kafka_partition, kafka_offset from unprojectable_event "
                + "where record_key = ? order by kafka_partition, kafka_offset", youth).get(index);
        return "/v1/operations/parked-records/" + TOPIC + "/" + row.get("kafka_partition") + "/"
                + row.get("kafka_offset") + "/redrive";
    }

    private void awaitApplied(String eventId) {
        await().atMost(PATIENCE).until(() -> applied(eventId).size() == 1);
    }

    private static String newSubjectOnThePartitionOf(String youth) {
        String other = newSubject();
        while (partitionOf(other) != partitionOf(youth)) {
            other = newSubject();
        }
        return other;
    }

    /** The partition the producer's default partitioner gives a key on the test's topic (3 partitions). */
    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 3;
    }

    private static String newSubject() {
        return "subj-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
