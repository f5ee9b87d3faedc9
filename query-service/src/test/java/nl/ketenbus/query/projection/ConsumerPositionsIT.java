package nl.ketenbus.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import nl.ketenbus.devinfra.Postgres;
import nl.ketenbus.query.support.Migrations;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The projection's stored positions against real PostgreSQL: a batch's partitions locked and advanced with a
 * statement per topic, a partition never consumed starting at 0, and a second consumer of a partition waiting
 * for the first one's commit and then reading what it stored.
 */
class ConsumerPositionsIT {

    private static final String TOPIC = "ketenbus.events.positions";
    private static final Postgres POSTGRES = Postgres.forTests();
    private static String schema;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transaction;
    private static ConsumerPositions positions;

    @BeforeAll
    static void schema() {
        schema = POSTGRES.freshSchema("positions");
        Migrations.upTo(POSTGRES, schema, MigrationVersion.LATEST).migrate();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(POSTGRES.jdbcUrl(schema), POSTGRES.username(),
                POSTGRES.password());
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        positions = new ConsumerPositions(jdbc);
    }

    @AfterAll
    static void dropSchema() {
        POSTGRES.dropSchema(schema);
    }

    @Test
    void aPartitionNeverConsumedStartsAtZeroAndKeepsWhatItsBatchAdvanced() {
        String group = "never-consumed";
        TopicPartition first = new TopicPartition(TOPIC, 0);
        TopicPartition second = new TopicPartition(TOPIC, 4);
        TopicPartition otherTopic = new TopicPartition("ketenbus.events.other", 4);

        Map<TopicPartition, Long> locked = transaction.execute(status -> {
            Map<TopicPartition, Long> found = positions.lock(group, List.of(second, first, otherTopic));
            positions.advance(group, Map.of(first, 5L, second, 7L, otherTopic, 11L));
            return found;
        });

        assertThat(locked).containsExactlyInAnyOrderEntriesOf(Map.of(first, 0L, second, 0L, otherTopic, 0L));
        assertThat(positions.find(group, List.of(first, second, otherTopic, new TopicPartition(TOPIC, 1))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(first, 5L, second, 7L, otherTopic, 11L));
        assertThat(positions.find("another-group", List.of(first))).isEmpty();
    }

    @Test
    void aSecondConsumerOfAPartitionWaitsForTheFirstAndReadsWhatItStored() throws Exception {
        String group = "rebalance";
        TopicPartition one = new TopicPartition(TOPIC, 1);
        TopicPartition two = new TopicPartition(TOPIC, 2);
        TopicPartition three = new TopicPartition(TOPIC, 3);
        transaction.executeWithoutResult(status -> {
            positions.lock(group, List.of(one, two, three));
            positions.advance(group, Map.of(one, 3L, two, 3L, three, 3L));
        });
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch firstMayCommit = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            positions.lock(group, List.of(two, one));
            firstHolds.countDown();
            waitFor(firstMayCommit);
            positions.advance(group, Map.of(one, 8L, two, 9L));
        }));
        assertThat(firstHolds.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Map<TopicPartition, Long>> second = CompletableFuture.supplyAsync(() ->
                transaction.execute(status -> positions.lock(group, List.of(three, two))));
        // Waiting for a row lock: the waiter holds the row's tuple lock and waits for the holder's transaction.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from pg_locks waiting "
                + "join pg_locks tuple on tuple.pid = waiting.pid and tuple.locktype = 'tuple' "
                + "where not waiting.granted and tuple.relation = ?::regclass",
                Integer.class, schema + ".consumer_position") == 1);
        assertThat(second).isNotDone();

        firstMayCommit.countDown();
        first.get(30, TimeUnit.SECONDS);
        assertThat(second.get(30, TimeUnit.SECONDS)).containsExactlyInAnyOrderEntriesOf(Map.of(two, 9L, three, 3L));
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
