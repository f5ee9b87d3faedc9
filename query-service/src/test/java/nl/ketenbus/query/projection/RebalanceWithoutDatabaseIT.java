package nl.ketenbus.query.projection;

import static nl.ketenbus.query.support.BackboneRecords.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.devinfra.FreezablePath;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.Postgres;
import nl.ketenbus.query.support.BackboneRecords;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The projection's partitions are assigned again while the database does not answer, so their stored
 * positions cannot be read: once it answers, each partition goes on from its stored position after its first
 * batch instead of reading the whole topic again, and every record is applied once.
 */
// The background threads' statements give up after 3 s here (120 s in the service), and small batches make the
// difference between one batch and the whole topic plain.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.hikari.data-source-properties.socketTimeout=3",
        "spring.kafka.consumer.max-poll-records=" + RebalanceWithoutDatabaseIT.BATCH})
class RebalanceWithoutDatabaseIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.rebalance");
    private static final String GROUP = "rebalance-" + UUID.randomUUID().toString().substring(0, 8);
    private static final FreezablePath PATH = FreezablePath.toServerOf(Postgres.forTests().jdbcUrl("query"));
    private static final OffsetDateTime MARCH = OffsetDateTime.parse("2026-03-14T10:00:00+01:00");
    private static final int RECORDS = 1_200;
    static final int BATCH = 50;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC, PATH::through);
        registry.add("ketenbus.projection.group-id", () -> GROUP);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @AfterAll
    static void closePath() throws Exception {
        PATH.close();
    }

    @Test
    void partitionsAssignedWhileTheDatabaseIsAwayGoOnFromTheirStoredPositionsNotFromTheBeginning() throws Exception {
        String prefix = "sr-rebalance-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            for (int i = 0; i < RECORDS; i++) {
                records.send(signalRaised(prefix + (i % 300), "politie", MARCH.plusMinutes(i)));
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> applied(prefix) == RECORDS);
            double redeliveredBefore = outcome("redelivered");

            try (KafkaConsumer<String, byte[]> member = joining()) {
                // A member joins (the projection's consumers keep some partitions) and leaves while the database
                // does not answer: the partitions come back to the projection, whose positions cannot be read.
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    member.poll(Duration.ofMillis(200));
                    return !member.assignment().isEmpty();
                });
                PATH.freeze(true);
            }
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> counter("ketenbus.projection.assignments.unread") > 0);
            } finally {
                PATH.freeze(false);
            }
            records.send(signalRaised(prefix + "last", "politie", MARCH));
            await().atMost(Duration.ofSeconds(90)).until(() -> applied(prefix) == RECORDS + 1);

            double redelivered = outcome("redelivered") - redeliveredBefore;
            System.out.printf("rebalance without the database: %.0f of %d records read again, %.0f partitions "
                    + "sought late%n", redelivered, RECORDS, counter("ketenbus.projection.sought.late"));
            // At most a first batch per partition; a partition read again from its beginning holds about 400.
            assertThat(redelivered).as("read again below the stored positions").isLessThanOrEqualTo(3 * BATCH);
            assertThat(counter("ketenbus.projection.sought.late")).isPositive();
            assertThat(jdbc.queryForObject("select count(*) from timeline_entry where subject_ref like ?", Long.class,
                    prefix + "%")).as("each once").isEqualTo(RECORDS + 1L);
        }
    }

    private KafkaConsumer<String, byte[]> joining() {
        KafkaConsumer<String, byte[]> member = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.forTests().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1),
                new StringDeserializer(), new ByteArrayDeserializer());
        member.subscribe(List.of(TOPIC));
        return member;
    }

    private long applied(String prefix) {
        return jdbc.queryForObject("select count(*) from timeline_entry where subject_ref like ?", Long.class,
                prefix + "%");
    }

    private double outcome(String outcome) {
        return meters.get("ketenbus.projection.records").tag("outcome", outcome).counter().count();
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }
}
