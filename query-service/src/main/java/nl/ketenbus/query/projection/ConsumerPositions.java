package nl.ketenbus.query.projection;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The consumer's position per partition, kept in PostgreSQL beside the read models. */
@Repository
class ConsumerPositions {

    private final JdbcTemplate jdbc;

    ConsumerPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stored next offsets of the given partitions; partitions never consumed are absent. */
    Map<TopicPartition, Long> find(String group, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> found = new HashMap<>();
        for (TopicPartition partition : partitions) {
            jdbc.query("select next_offset from consumer_position where consumer_group = ? and topic = ? and kafka_partition = ?",
                    row -> {
                        found.put(partition, row.getLong(1));
                    }, group, partition.topic(), partition.partition());
        }
        return found;
    }

    /**
     * Locks the positions of the given partitions for this transaction and returns them (0 for a
     * partition never consumed). A second consumer of the same partition, e.g. during a rebalance,
     * waits here and then sees what the first one applied.
     */
    Map<TopicPartition, Long> lock(String group, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> locked = new HashMap<>();
        for (TopicPartition partition : partitions) {
            jdbc.update("insert into consumer_position (consumer_group, topic, kafka_partition, next_offset) "
                    + "values (?, ?, ?, 0) on conflict do nothing", group, partition.topic(), partition.partition());
            Long next = jdbc.queryForObject("select next_offset from consumer_position "
                            + "where consumer_group = ? and topic = ? and kafka_partition = ? for update",
                    Long.class, group, partition.topic(), partition.partition());
            locked.put(partition, next);
        }
        return locked;
    }

    void advance(String group, TopicPartition partition, long nextOffset) {
        jdbc.update("update consumer_position set next_offset = ?, updated_at = now() "
                        + "where consumer_group = ? and topic = ? and kafka_partition = ?",
                nextOffset, group, partition.topic(), partition.partition());
    }
}
