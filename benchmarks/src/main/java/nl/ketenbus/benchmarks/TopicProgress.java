package nl.ketenbus.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import nl.ketenbus.devinfra.Kafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the projection has applied the backbone topic, from the positions it stores with every
 * batch (one row per partition), against the topic's end. Until the ninth session of issue 21 the
 * catch-ups counted {@code applied_event} every 200 ms: each count took 45 ms of PostgreSQL, 13 % of
 * its statement time during a warm catch-up ({@code pg_stat_statements},
 * docs/benchmarks.md). The publisher is idempotent but not transactional, so the topic holds no
 * markers: a partition is applied when its stored position reaches its end offset.
 */
final class TopicProgress {

    private final Kafka kafka;
    private final String topic;

    TopicProgress(Kafka kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    /** The records on the topic now: the sum of its partitions' end offsets. */
    long end() throws InterruptedException {
        try (Admin admin = kafka.admin()) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().size();
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions)
                    .mapToObj(partition -> new TopicPartition(topic, partition))
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end of " + topic, e.getCause());
        }
    }

    /** The records the projection has applied: the sum of its stored positions on the topic. */
    long applied(Connection connection) throws SQLException {
        try (var statement = connection.prepareStatement(
                "select coalesce(sum(next_offset), 0) from consumer_position where topic = ?")) {
            statement.setString(1, topic);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** Waits until the projection has applied {@code end} records; throws after {@code patience}. */
    void awaitApplied(Connection connection, long end, Duration patience) throws Exception {
        long since = System.nanoTime();
        long applied;
        while ((applied = applied(connection)) < end) {
            if (System.nanoTime() - since > patience.toNanos()) {
                throw new IllegalStateException("the projection applied " + applied + " of " + end + " records of "
                        + topic + " in " + patience);
            }
            Thread.sleep(100);
        }
    }
}
