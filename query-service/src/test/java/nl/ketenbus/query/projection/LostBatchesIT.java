package nl.ketenbus.query.projection;

import static nl.ketenbus.query.support.BackboneRecords.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.support.BackboneRecords;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database loses the projection's last batches with their stored positions (a crash before their flush, a
 * restore) while the query node goes on: its next batch begins beyond the stored positions, applies nothing, and
 * the partitions are read again from there, so that the lost records are applied instead of skipped for ever.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LostBatchesIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.lost");
    private static final String GROUP = "lost-" + UUID.randomUUID().toString().substring(0, 8);
    private static final OffsetDateTime MARCH = OffsetDateTime.parse("2026-03-14T10:00:00+01:00");
    private static final int YOUTHS = 60;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
        registry.add("ketenbus.projection.group-id", () -> GROUP);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    MeterRegistry meters;

    @Test
    void recordsWhoseBatchesTheDatabaseLostAreAppliedAgain() throws Exception {
        String prefix = "sr-lost-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            for (int i = 0; i < YOUTHS; i++) {
                records.send(signalRaised(prefix + i, "politie", MARCH.plusMinutes(i)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> applied(prefix) == YOUTHS);

            // The database loses the last two records of each partition, with everything they wrote and the
            // positions past them, as a crash before their batches' flush would.
            Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> topic = read();
            List<String> lostYouths = new ArrayList<>();
            List<String> lostEvents = new ArrayList<>();
            Map<Integer, Long> lostFrom = new HashMap<>();
            topic.forEach((partition, inOrder) -> {
                List<ConsumerRecord<String, byte[]>> lost = inOrder.subList(Math.max(0, inOrder.size() - 2),
                        inOrder.size());
                lostFrom.put(partition.partition(), lost.get(0).offset());
                lost.forEach(record -> {
                    lostYouths.add(record.key());
                    lostEvents.add(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
                });
            });
            transaction.executeWithoutResult(status -> forget(lostYouths, lostEvents, lostFrom));
            assertThat(applied(prefix)).isEqualTo(YOUTHS - lostYouths.size());
            double soughtBefore = meters.get("ketenbus.projection.sought.back").counter().count();

            for (int i = 0; i < YOUTHS / 2; i++) {
                records.send(signalRaised(prefix + "later-" + i, "politie", MARCH.plusHours(2).plusMinutes(i)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> applied(prefix) == YOUTHS + YOUTHS / 2);
            assertThat(meters.get("ketenbus.projection.sought.back").counter().count()).isGreaterThan(soughtBefore);
            assertThat(jdbc.queryForObject("select count(distinct subject_ref) from timeline_entry "
                    + "where subject_ref = any(?::text[])", Integer.class, (Object) lostYouths.toArray(String[]::new)))
                    .as("each lost youth's signal applied again").isEqualTo(lostYouths.size());
        }
    }

    /** What the lost batches wrote is gone: every row of their youths, their events' ledger, their positions. */
    private void forget(List<String> youths, List<String> events, Map<Integer, Long> positions) {
        String[] refs = youths.toArray(String[]::new);
        for (String table : jdbc.queryForList("select c.table_name from information_schema.columns c "
                + "join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name "
                + "where c.table_schema = current_schema() and c.column_name = 'subject_ref' "
                + "and t.table_type = 'BASE TABLE'", String.class)) {
            jdbc.update("delete from " + table + " where subject_ref = any(?::text[])", (Object) refs);
        }
        jdbc.update("delete from applied_event where event_id = any(?::text[])",
                (Object) events.toArray(String[]::new));
        positions.forEach((partition, offset) -> jdbc.update("update consumer_position set next_offset = ? "
                + "where consumer_group = ? and topic = ? and kafka_partition = ?", offset, GROUP, TOPIC, partition));
    }

    private Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> read() {
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> topic = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.forTests().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> topic.computeIfAbsent(
                        new TopicPartition(record.topic(), record.partition()), ignored -> new ArrayList<>())
                        .add(record));
            }
        }
        return topic;
    }

    private long applied(String prefix) {
        return jdbc.queryForObject("select count(*) from timeline_entry where subject_ref like ?", Long.class,
                prefix + "%");
    }
}
