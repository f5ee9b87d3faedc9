package nl.ketenbus.query.projection;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the backbone topic to the read models. Per batch, in one transaction: lock the stored
 * positions, skip records below them (redelivered), park unusable records with their reason
 * ({@link ParkedRecords}), apply the rest once each ({@link Projector}), and store the new positions;
 * the commit does not wait for the disk unless the batch forgot something ({@link LiveCommits}).
 * On (re)assignment the consumer seeks to the stored positions; offsets committed to Kafka are never
 * used. A partition assigned while its position could not be read (the database away) starts at the
 * topic's beginning, which stays correct (what lies below the stored position is skipped as redelivered),
 * and is sought to its position after its first batch, so that the rest of a long topic is not read again.
 */
@Component
class ProjectionConsumer implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConsumer.class);

    private final Projector projector;
    private final ConsumerPositions positions;
    private final ParkedRecords parked;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final ProjectionProperties properties;
    private final CloudEventRecords reader = new CloudEventRecords();
    private final Map<String, Counter> outcomes;
    /** Partitions assigned while their stored positions could not be read: sought after their first batch. */
    private final Set<TopicPartition> unsought = ConcurrentHashMap.newKeySet();
    private final Counter soughtLate;
    private final Counter unreadAtAssignment;

    ProjectionConsumer(Projector projector, ConsumerPositions positions, ParkedRecords parked,
                       TransactionTemplate transaction, JdbcTemplate jdbc, ProjectionProperties properties,
                       MeterRegistry meters) {
        this.jdbc = jdbc;
        this.projector = projector;
        this.positions = positions;
        this.parked = parked;
        this.transaction = transaction;
        this.properties = properties;
        this.outcomes = List.of("applied", "duplicate", "redelivered", "unprojectable", "erased", "after-erasure",
                        "expired").stream()
                .collect(Collectors.toUnmodifiableMap(outcome -> outcome, outcome -> Counter
                        .builder("ketenbus.projection.records")
                        .description("Backbone records seen by the projection, by outcome")
                        .tag("outcome", outcome)
                        .register(meters)));
        this.soughtLate = Counter.builder("ketenbus.projection.sought.late")
                .description("Partitions sought to their stored position after a batch, not at their assignment, "
                        + "because the position could not be read then")
                .register(meters);
        this.unreadAtAssignment = Counter.builder("ketenbus.projection.assignments.unread")
                .description("Assignments of partitions whose stored positions could not be read (the database away)")
                .register(meters);
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Map<TopicPartition, Long> stored;
        try {
            stored = positions.find(properties.groupId(), assignments.keySet());
        } catch (RuntimeException unread) {
            // Without a seek Kafka starts them at the beginning (auto-offset-reset: earliest, no committed
            // offsets): correct, and the first batch's transaction reads the positions once the database answers.
            unsought.addAll(assignments.keySet());
            unreadAtAssignment.increment();
            log.warn("Projection positions of {} could not be read at assignment ({}); sought after their first "
                    + "batch", assignments.keySet(), unread.getClass().getSimpleName());
            return;
        }
        unsought.removeAll(assignments.keySet());
        assignments.keySet().forEach(partition -> {
            Long next = stored.get(partition);
            if (next == null) {
                callback.seekToBeginning(partition.topic(), partition.partition());
            } else {
                callback.seek(partition.topic(), partition.partition(), next);
            }
        });
        log.info("Projection resumes at {}", stored);
    }

    @KafkaListener(id = "projection", topics = "${ketenbus.projection.topic:ketenbus.events.v1}",
            groupId = "${ketenbus.projection.group-id:query-service}", batch = "true",
            containerFactory = "projectionContainerFactory")
    void onBatch(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        Applied applied = transaction.execute(status -> applyBatch(records));
        // Counted only after commit: a rolled-back batch is counted when it is retried.
        applied.counted().forEach((outcome, count) -> outcomes.get(outcome).increment(count));
        if (!unsought.isEmpty()) {
            // On the consumer's own thread: the records it fetched beyond the batch are dropped with the seek.
            applied.positions().forEach((partition, next) -> {
                if (unsought.remove(partition)) {
                    consumer.seek(partition, next);
                    soughtLate.increment();
                }
            });
        }
    }

    /** What a batch's transaction counted, and the positions it stored. */
    private record Applied(Map<String, Integer> counted, Map<TopicPartition, Long> positions) {
    }

    private Applied applyBatch(List<ConsumerRecord<String, byte[]>> records) {
        LiveCommits.begin(jdbc, properties.flushEachBatch());
        Map<TopicPartition, Long> next = positions.lock(properties.groupId(), records.stream()
                .map(record -> new TopicPartition(record.topic(), record.partition()))
                .collect(Collectors.toSet()));
        Map<String, Integer> counted = new HashMap<>();
        Map<ConsumerRecord<String, byte[]>, BackboneEvent> fresh = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (record.offset() < next.get(partition)) {
                counted.merge("redelivered", 1, Integer::sum);
                continue;
            }
            next.put(partition, record.offset() + 1);
            try {
                fresh.put(record, reader.read(record));
            } catch (CloudEventRecords.UnprojectableRecord unusable) {
                log.warn("Unprojectable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        unusable.getMessage());
                counted.merge(parked.keep(record, unusable.getMessage()) ? "unprojectable" : "after-erasure", 1,
                        Integer::sum);
            }
        }
        projector.apply(fresh.values(), counted);
        LiveCommits.beforeCommit(jdbc, counted);
        positions.advance(properties.groupId(), next);
        return new Applied(counted, next);
    }
}
