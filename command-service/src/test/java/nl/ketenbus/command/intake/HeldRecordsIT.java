package nl.ketenbus.command.intake;

import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.command.identity.SubjectPseudonyms;
import nl.ketenbus.command.subject.domain.EraseSubject;
import nl.ketenbus.command.support.CommandServiceInfrastructure;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.events.subject.ErasureGround;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A partner record the intake cannot decide, time after time, is held instead of holding up its partition (ADR
 * 0032), on a real broker and the real store. The defect is a trigger in the store that refuses the facts of
 * the youths listed in a table of the test's own: every decision about such a youth fails as a defect would,
 * with the database answering, and emptying the table is the fix.
 */
class HeldRecordsIT extends CommandServiceIntegrationTest {

    private static final String PREFIX = "ketenbus.intake.held" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPIC = PREFIX + ".politie.v1";
    private static final String POLITIE = "urn:ketenbus:org:politie";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OPERATOR = DevTokens.forTests().operator();
    private static final String PUBLISHER = DevTokens.forTests().publisher("politie");
    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    private HeldRecordRetry retry;

    @Autowired
    private HeldRecords held;

    @Autowired
    private SubjectPseudonyms keyed;

    @Autowired
    private CommandGateway commands;

    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void kafkaIntake(DynamicPropertyRegistry registry) {
        CommandServiceInfrastructure.registerKafkaIntake(registry, PREFIX);
        // One partition: the youth whose records are held and the one that goes on share it.
        registry.add("ketenbus.intake.kafka.partitions", () -> 1);
        registry.add("ketenbus.intake.kafka.retry-interval", () -> "200ms");
        registry.add("ketenbus.intake.kafka.hold-after-attempts", () -> 3);
        // The test runs the passes itself.
        registry.add("ketenbus.intake.kafka.held-retry-interval", () -> "PT1H");
    }

    @BeforeAll
    static void startProducer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                Kafka.forTests().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterAll
    static void stopProducer() {
        producer.close();
    }

    @BeforeEach
    void aDefectForTheListedYouths() {
        jdbc.execute("create table if not exists held_test_fault (subject_ref varchar(80) primary key)");
        jdbc.execute("create or replace function held_test_fault() returns trigger language plpgsql as $$ begin "
                + "if exists (select 1 from held_test_fault where subject_ref = new.aggregate_identifier) then "
                + "raise exception 'a defect of the test'; end if; return new; end $$");
        jdbc.execute("drop trigger if exists held_test_fault on domain_event_entry");
        jdbc.execute("create trigger held_test_fault before insert on domain_event_entry for each row "
                + "execute function held_test_fault()");
    }

    @AfterEach
    void noDefect() {
        jdbc.execute("drop trigger if exists held_test_fault on domain_event_entry");
    }

    @Test
    void aRecordThatFailsEveryTimeIsHeldItsPartitionGoesOnAndAfterTheFixItsYouthsRecordsAreDecidedInOrder()
            throws Exception {
        String failing = intake().registerNewYouth();
        String other = intake().registerNewYouth();
        jdbc.update("insert into held_test_fault values (?)", failing);
        ObjectNode first = signalRaised(failing, POLITIE, "BEZIT", "MULTIPLE_PHONES");
        ObjectNode second = signalRaised(failing, POLITIE, "GEDRAG", "LYING_OR_EXCUSES");
        double failingBefore = held(HeldRecordRetry.FAILING);
        double behindBefore = held(HeldRecordRetry.BEHIND);

        send(first);
        // Under another key: its youth is its subject, so it still waits behind the first.
        send(second, "another-key");
        send(signalRaised(other, POLITIE, "BEZIT", "MULTIPLE_PHONES"));

        // The other youth's record, behind both on the same partition, is decided.
        await().atMost(PATIENCE).until(() -> storedEventsOf(other) == 2);
        await().atMost(PATIENCE).until(() -> heldOf(failing).size() == 2);
        List<String> reasons = heldOf(failing);
        assertThat(reasons.get(0)).endsWith(" caused by org.postgresql.util.PSQLException");
        assertThat(reasons.get(1)).isEqualTo(HeldRecords.BEHIND);
        assertThat(storedEventsOf(failing)).isEqualTo(1);
        // Sealed: neither the youth's pseudonym nor the signal's id is in the row.
        for (String clear : List.of(failing, first.at("/data/signalId").asText(), "MULTIPLE_PHONES")) {
            assertThat(jdbc.queryForObject("select count(*) from intake_held where position(convert_to(?, 'UTF8') "
                    + "in sealed_record) > 0", Long.class, clear)).isZero();
        }
        assertThat(held(HeldRecordRetry.FAILING)).isEqualTo(failingBefore + 1);
        assertThat(held(HeldRecordRetry.BEHIND)).isEqualTo(behindBefore + 1);

        // Tried again before the fix: it fails again, and the second still waits behind it.
        HeldRecordRetry.Pass unfixed = retry.retry();
        assertThat(unfixed.released()).isZero();
        assertThat(unfixed.stillHeld()).isEqualTo(2);
        assertThat(jdbc.queryForList("select attempts from intake_held where topic = ? and youth_digest = ? "
                + "order by kafka_offset", Integer.class, TOPIC, keyed.heldYouthDigestOf(failing)))
                .containsExactly(1, 0);
        assertThat(meters.get("ketenbus.intake.held.records").gauge().value()).isEqualTo(2.0);

        jdbc.update("delete from held_test_fault");
        HeldRecordRetry.Pass fixed = retry.retry();

        assertThat(fixed.released()).isEqualTo(2);
        assertThat(fixed.stillHeld()).isZero();
        assertThat(meters.get("ketenbus.intake.held.records").gauge().value()).isZero();
        assertThat(signalIdsOf(failing)).containsExactly(first.at("/data/signalId").asText(),
                second.at("/data/signalId").asText());
        assertThat(jdbc.queryForObject("select channel from intake_receipt where event_ref = ?", String.class,
                receiptReferenceOf(first))).isEqualTo("kafka");

        // Nothing is held any more: the youth's next record is decided as it comes.
        ObjectNode third = signalRaised(failing, POLITIE, "OVERIG", "GAMBLING");
        send(third);
        await().atMost(PATIENCE).until(() -> signalIdsOf(failing).size() == 3);
        assertThat(heldOf(failing)).isEmpty();
    }

    @Test
    void anErasedYouthsHeldRecordsAreForgottenWithIt() throws Exception {
        String erased = intake().registerNewYouth();
        jdbc.update("insert into held_test_fault values (?)", erased);
        send(signalRaised(erased, POLITIE, "BEZIT", "MULTIPLE_PHONES"));
        await().atMost(PATIENCE).until(() -> heldOf(erased).size() == 1);
        double erasedRefusals = refusedAsErased();
        // Mended first: the erasure's own event goes into the same stream.
        jdbc.update("delete from held_test_fault");

        commands.sendAndWait(new EraseSubject(erased, ErasureGround.OBJECTION_UPHELD, "gemeente-privacy-officer"));

        assertThat(heldOf(erased)).isEmpty();
        // The youth's next record is not held behind what was forgotten: it is decided (refused, erased).
        long before = allStoredEvents();
        send(signalRaised(erased, POLITIE, "GEDRAG", "LYING_OR_EXCUSES"));
        await().atMost(PATIENCE).until(() -> refusedAsErased() == erasedRefusals + 1);
        assertThat(heldOf(erased)).isEmpty();
        assertThat(allStoredEvents()).isEqualTo(before);
    }

    /**
     * A youth's records keyed otherwise than by the youth may lie on two partitions, with no order between them on
     * the topic: they are decided in the order they were held, the later held only because the earlier was. A
     * record held already is held once; another record at a held place is refused (tried in place, not lost).
     */
    @Test
    void aYouthsRecordsOnTwoPartitionsAreDecidedInTheOrderTheyWereHeld() throws Exception {
        String youth = intake().registerNewYouth();
        ObjectNode first = signalRaised(youth, POLITIE, "BEZIT", "MULTIPLE_PHONES");
        ObjectNode second = signalRaised(youth, POLITIE, "GEDRAG", "LYING_OR_EXCUSES");

        held.hold(structured(first, 1, 100, "key-one"), youth, "the test's defect");
        assertThat(held.holdIfBehind(structured(second, 0, 5, "key-two"), youth)).isEqualTo(HeldRecords.Behind.HELD);
        assertThat(held.holdIfBehind(structured(second, 0, 5, "key-two"), youth))
                .isEqualTo(HeldRecords.Behind.ALREADY);
        assertThatThrownBy(() -> held.hold(structured(signalRaised(youth, POLITIE, "OVERIG", "GAMBLING"), 1, 100,
                "key-one"), youth, "another record at the same place")).isInstanceOf(IllegalStateException.class);
        assertThat(heldOf(youth)).hasSize(2);

        retry.retry();

        assertThat(heldOf(youth)).isEmpty();
        assertThat(signalIdsOf(youth)).containsExactly(first.at("/data/signalId").asText(),
                second.at("/data/signalId").asText());
    }

    /**
     * A row another node's pass claimed is left to that pass, with its youth's later rows, until the claim lapses
     * (that node stopped mid-decision); then the next pass decides them in their order.
     */
    @Test
    void aRowAnotherPassClaimedIsLeftToItUntilTheClaimLapses() throws Exception {
        String youth = intake().registerNewYouth();
        ObjectNode first = signalRaised(youth, POLITIE, "BEZIT", "MULTIPLE_PHONES");
        ObjectNode second = signalRaised(youth, POLITIE, "GEDRAG", "LYING_OR_EXCUSES");
        held.hold(structured(first, 0, 2_000, youth), youth, "the test's defect");
        assertThat(held.holdIfBehind(structured(second, 0, 2_001, youth), youth)).isEqualTo(HeldRecords.Behind.HELD);
        long firstId = firstHeldIdOf(youth);
        assertThat(held.claim(firstId)).as("another node's pass claims it").isTrue();
        assertThat(held.claim(firstId)).as("claimed once").isFalse();

        retry.retry();

        assertThat(heldOf(youth)).hasSize(2);
        assertThat(signalIdsOf(youth)).isEmpty();

        jdbc.update("update intake_held set claimed_until = now() - interval '1 second' where id = ?", firstId);
        retry.retry();

        assertThat(heldOf(youth)).isEmpty();
        assertThat(signalIdsOf(youth)).containsExactly(first.at("/data/signalId").asText(),
                second.at("/data/signalId").asText());
    }

    /**
     * Passes on two nodes at once (two threads here: the youth's lock and the rows are in the database, and each
     * pass reads the rows again): every held record is decided once, each youth's in their order, and released.
     */
    @Test
    void twoPassesAtOnceDecideEachYouthsRecordsOnceAndInOrder() throws Exception {
        List<String> youths = new ArrayList<>();
        Map<String, List<String>> sent = new HashMap<>();
        long offset = 1_000;
        for (int y = 0; y < 4; y++) {
            String youth = intake().registerNewYouth();
            youths.add(youth);
            List<String> ids = new ArrayList<>();
            for (String[] signal : List.of(new String[] {"BEZIT", "MULTIPLE_PHONES"},
                    new String[] {"GEDRAG", "LYING_OR_EXCUSES"}, new String[] {"OVERIG", "GAMBLING"})) {
                ObjectNode event = signalRaised(youth, POLITIE, signal[0], signal[1]);
                ids.add(event.at("/data/signalId").asText());
                ConsumerRecord<String, byte[]> record = structured(event, 0, offset++, youth);
                if (ids.size() == 1) {
                    held.hold(record, youth, "the test's defect");
                } else {
                    assertThat(held.holdIfBehind(record, youth)).isEqualTo(HeldRecords.Behind.HELD);
                }
            }
            sent.put(youth, ids);
        }
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HeldRecordRetry.Pass>> passes = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                passes.add(nodes.submit(() -> {
                    start.await();
                    return retry.retry();
                }));
            }
            start.countDown();
            int released = 0;
            for (var pass : passes) {
                released += pass.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).released();
            }
            // Each record claimed, decided and released by one pass: none decided twice, none lost.
            assertThat(released).isEqualTo(12);
        } finally {
            nodes.shutdownNow();
        }
        for (String youth : youths) {
            assertThat(heldOf(youth)).isEmpty();
            assertThat(signalIdsOf(youth)).containsExactlyElementsOf(sent.get(youth));
        }
    }

    /**
     * A row that no longer opens (altered in the database) and one sealed with a master key this node does not
     * have keep their rows, marked, and stop no other youth's release; the latter counts as not yet sealed anew.
     */
    @Test
    void aRowThatDoesNotOpenStopsNoOtherYouth() throws Exception {
        String altered = intake().registerNewYouth();
        String unknownKey = intake().registerNewYouth();
        String released = intake().registerNewYouth();
        try {
            for (String youth : List.of(altered, unknownKey, released)) {
                jdbc.update("insert into held_test_fault values (?)", youth);
                send(signalRaised(youth, POLITIE, "BEZIT", "MULTIPLE_PHONES"));
                await().atMost(PATIENCE).until(() -> heldOf(youth).size() == 1);
            }
            jdbc.update("update intake_held set sealed_record = set_byte(sealed_record, 0, "
                    + "(get_byte(sealed_record, 0) + 1) % 256) where youth_digest = ?",
                    keyed.heldYouthDigestOf(altered));
            jdbc.update("update intake_held set master_key_id = 'ffffffffffffffff' where youth_digest = ?",
                    keyed.heldYouthDigestOf(unknownKey));
            jdbc.update("delete from held_test_fault");

            HeldRecordRetry.Pass pass = retry.retry();

            assertThat(pass.released()).isEqualTo(1);
            assertThat(signalIdsOf(released)).hasSize(1);
            assertThat(heldOf(altered)).containsExactly(HeldRecords.UNOPENABLE);
            assertThat(heldOf(unknownKey)).containsExactly(HeldRecords.MASTER_KEY_UNKNOWN);
            assertThat(signalIdsOf(altered)).isEmpty();
            assertThat(meters.get("ketenbus.intake.held.under-previous-master").gauge().value()).isEqualTo(1.0);
            assertThat(meters.get("ketenbus.intake.held.records").gauge().value()).isEqualTo(2.0);
        } finally {
            jdbc.update("delete from intake_held where youth_digest in (?, ?)", keyed.heldYouthDigestOf(altered),
                    keyed.heldYouthDigestOf(unknownKey));
            jdbc.update("delete from held_test_fault");
        }
    }

    /**
     * The operators' endpoints: the held records listed without their content or youth, for the operator alone;
     * a record that opens, or whose master key the node lacks, is never discarded; one that does not open is,
     * under its youth's order, after which the youth's record behind it is decided by the next pass.
     */
    @Test
    void anOperatorListsTheHeldRecordsAndDiscardsOnlyOneThatDoesNotOpen() throws Exception {
        String altered = intake().registerNewYouth();
        String unknownKey = intake().registerNewYouth();
        String failing = intake().registerNewYouth();
        ObjectNode second = signalRaised(altered, POLITIE, "GEDRAG", "LYING_OR_EXCUSES");
        try {
            for (String youth : List.of(altered, unknownKey, failing)) {
                jdbc.update("insert into held_test_fault values (?)", youth);
                send(signalRaised(youth, POLITIE, "BEZIT", "MULTIPLE_PHONES"));
                await().atMost(PATIENCE).until(() -> heldOf(youth).size() == 1);
            }
            send(second);
            await().atMost(PATIENCE).until(() -> heldOf(altered).size() == 2);
            long alteredId = firstHeldIdOf(altered);
            long alteredOffset = jdbc.queryForObject("select kafka_offset from intake_held where id = ?", Long.class,
                    alteredId);
            long unknownKeyId = firstHeldIdOf(unknownKey);
            long failingId = firstHeldIdOf(failing);
            jdbc.update("update intake_held set sealed_record = set_byte(sealed_record, 0, "
                    + "(get_byte(sealed_record, 0) + 1) % 256) where id = ?", alteredId);
            jdbc.update("update intake_held set master_key_id = 'ffffffffffffffff' where id = ?", unknownKeyId);
            jdbc.update("delete from held_test_fault where subject_ref = ?", altered);

            HttpResponse<String> listed = operations("GET", "", OPERATOR);
            assertThat(listed.statusCode()).isEqualTo(200);
            JsonNode list = JSON.readTree(listed.body());
            assertThat(list.get("total").asLong()).isGreaterThanOrEqualTo(4);
            JsonNode first = null;
            for (JsonNode row : list.get("records")) {
                if (row.get("id").asLong() == alteredId) {
                    first = row;
                }
            }
            assertThat(first).isNotNull();
            assertThat(first.get("topic").asText()).isEqualTo(TOPIC);
            // Its place, times, attempts and reason: never the content, the key or the youth.
            List<String> fields = new ArrayList<>();
            first.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("id", "topic", "partition", "offset", "heldAt", "attempts",
                    "lastTriedAt", "reason");
            assertThat(listed.body()).doesNotContain(altered, unknownKey, failing, "MULTIPLE_PHONES");
            assertThat(operations("GET", "", PUBLISHER).statusCode()).isEqualTo(403);
            assertThat(operations("DELETE", "/" + alteredId, PUBLISHER).statusCode()).isEqualTo(403);

            HttpResponse<String> opens = operations("DELETE", "/" + failingId, OPERATOR);
            assertThat(opens.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(opens.body()).get("type").asText()).endsWith("held-record-opens");
            HttpResponse<String> keyMissing = operations("DELETE", "/" + unknownKeyId, OPERATOR);
            assertThat(keyMissing.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(keyMissing.body()).get("type").asText()).endsWith("master-key-missing");
            assertThat(heldOf(failing)).hasSize(1);
            assertThat(heldOf(unknownKey)).hasSize(1);
            double discardedBefore = discarded();

            HttpResponse<String> discard = operations("DELETE", "/" + alteredId, OPERATOR);

            assertThat(discard.statusCode()).isEqualTo(200);
            JsonNode place = JSON.readTree(discard.body());
            assertThat(place.get("topic").asText()).isEqualTo(TOPIC);
            assertThat(place.get("offset").asLong()).isEqualTo(alteredOffset);
            assertThat(heldOf(altered)).containsExactly(HeldRecords.BEHIND);
            assertThat(discarded()).isEqualTo(discardedBefore + 1);
            HttpResponse<String> again = operations("DELETE", "/" + alteredId, OPERATOR);
            assertThat(again.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(again.body()).get("type").asText()).endsWith("not-held");

            retry.retry();

            assertThat(heldOf(altered)).isEmpty();
            assertThat(signalIdsOf(altered)).containsExactly(second.at("/data/signalId").asText());
            assertThat(heldOf(failing)).hasSize(1);
        } finally {
            jdbc.update("delete from intake_held where youth_digest in (?, ?, ?)", keyed.heldYouthDigestOf(altered),
                    keyed.heldYouthDigestOf(unknownKey), keyed.heldYouthDigestOf(failing));
            jdbc.update("delete from held_test_fault");
        }
    }

    private long firstHeldIdOf(String youth) {
        return jdbc.queryForObject("select min(id) from intake_held where topic = ? and youth_digest = ?", Long.class,
                TOPIC, keyed.heldYouthDigestOf(youth));
    }

    private HttpResponse<String> operations(String method, String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/v1/operations/held-records" + path)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private double discarded() {
        var counter = meters.find("ketenbus.intake.held.discarded").counter();
        return counter == null ? 0 : counter.count();
    }

    private double refusedAsErased() {
        var counter = meters.find("ketenbus.intake.events").tags("channel", "kafka", "reason", SubjectCommands.ERASED)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double held(String why) {
        var counter = meters.find("ketenbus.intake.held").tag("why", why).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The reasons of the youth's held records, in their order on the topic. */
    private List<String> heldOf(String youth) {
        return jdbc.queryForList("select reason from intake_held where topic = ? and youth_digest = ? "
                + "order by kafka_offset", String.class, TOPIC, keyed.heldYouthDigestOf(youth));
    }

    private List<String> signalIdsOf(String youth) {
        return jdbc.queryForList("select convert_from(payload, 'UTF8')::jsonb->>'signalId' from domain_event_entry "
                + "where aggregate_identifier = ? and payload_type like '%SignalRaised' order by sequence_number",
                String.class, youth);
    }

    private IntakeClient intake() {
        return new IntakeClient(port);
    }

    /** The event as a structured record at a place of the test's choosing, as a listener receives it. */
    private static ConsumerRecord<String, byte[]> structured(ObjectNode event, int partition, long offset, String key) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(TOPIC, partition, offset, key,
                event.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private void send(ObjectNode event) throws Exception {
        send(event, event.path("subject").asText());
    }

    private void send(ObjectNode event, String key) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, key,
                event.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get(10, TimeUnit.SECONDS);
    }
}
