package nl.ketenbus.query.projection;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The consumer's position per partition, kept in PostgreSQL beside the read models. A batch's partitions are
 * locked and advanced with one statement per topic, not three per partition: when the load is light a run holds
 * a few facts, and each statement is a round trip, a wakeup of the node and of a backend on shared cores
 * (docs/benchmarks.md, "Nodes that have finished compiling").
 */
@Repository
class ConsumerPositions {

    private static final Comparator<TopicPartition> IN_ORDER = Comparator.comparing(TopicPartition::topic)
            .thenComparingInt(TopicPartition::partition);

    private final JdbcTemplate jdbc;

    ConsumerPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stored next offsets of the given partitions; partitions never consumed are absent. */
    Map<TopicPartition, Long> find(String group, Collection<TopicPartition> partitions) {
        return select(group, partitions, "");
    }

    /**
     * Locks the positions of the given partitions for this transaction and returns them (0 for a
     * partition never consumed). A second consumer of the same partition, e.g. during a rebalance,
     * waits here and then sees what the first one applied. The stored rows are locked in the order of topic
     * and partition, then missing rows made in that order, so two consumers locking overlapping sets wait for
     * each other instead of deadlocking.
     */
    Map<TopicPartition, Long> lock(String group, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> locked = select(group, partitions, " for update");
        if (locked.size() == partitions.size()) {
            return locked;
        }
        // A partition never consumed gets its row first; then all are locked again, in order.
        partitions.stream().filter(partition -> !locked.containsKey(partition)).sorted(IN_ORDER)
                .forEach(partition -> jdbc.update("insert into consumer_position "
                                + "(consumer_group, topic, kafka_partition, next_offset) values (?, ?, ?, 0) "
                                + "on conflict do nothing",
                        group, partition.topic(), partition.partition()));
        return select(group, partitions, " for update");
    }

    /** Stores the next offsets of the partitions a batch locked ({@link #lock}). */
    void advance(String group, Map<TopicPartition, Long> nextOffsets) {
        byTopic(nextOffsets.keySet()).forEach((topic, partitions) -> jdbc.update(
                "update consumer_position p set next_offset = n.next_offset, updated_at = now() "
                        + "from unnest(?::int[], ?::bigint[]) as n (kafka_partition, next_offset) "
                        + "where p.consumer_group = ? and p.topic = ? and p.kafka_partition = n.kafka_partition",
                partitions.stream().map(TopicPartition::partition).toArray(Integer[]::new),
                partitions.stream().map(nextOffsets::get).toArray(Long[]::new), group, topic));
    }

    private Map<TopicPartition, Long> select(String group, Collection<TopicPartition> partitions, String lock) {
        Map<TopicPartition, Long> found = new HashMap<>();
        byTopic(partitions).forEach((topic, ofTopic) -> jdbc.query("select kafka_partition, next_offset "
                        + "from consumer_position where consumer_group = ? and topic = ? "
                        + "and kafka_partition = any(?::int[]) order by kafka_partition" + lock,
                row -> {
                    found.put(new TopicPartition(topic, row.getInt(1)), row.getLong(2));
                }, group, topic, ofTopic.stream().map(TopicPartition::partition).toArray(Integer[]::new)));
        return found;
    }

    /** The partitions by topic, topics in order (a set's own order differs between consumers). */
    private static Map<String, List<TopicPartition>> byTopic(Collection<TopicPartition> partitions) {
        return partitions.stream()
                .collect(Collectors.groupingBy(TopicPartition::topic, TreeMap::new, Collectors.toList()));
    }
}
