package nl.ketenbus.query.projection;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.security.ConsecutiveFailures;
import nl.ketenbus.security.DependencyFailures;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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
 * A batch that fails again and again while the database answers is applied record by record, and the record
 * that fails alone is held with its youth's later records (ADR 0033, {@link HeldYouths}, {@link HeldRecordPass}).
 * A batch whose first record of a partition lies beyond the stored position (the backbone's offsets have no gaps)
 * applies nothing: the database lost its last batches with their positions (a crash before their flush,
 * {@link LiveCommits}, or a restore) while the consumer went on, and every partition of the batch is sought back
 * to its stored position, so that the lost batches are applied again instead of skipped.
 */
@Component
class ProjectionConsumer implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConsumer.class);
    static final String HELD = "held";
    static final String BEHIND = "behind an earlier held record of its youth";
    static final String FAILED = "could not be applied (holds its youth): ";
    static final String FAILED_ALONE = "could not be applied (names no youth to hold): ";

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
    private final HeldYouths heldYouths;
    /** Consecutive failures of a batch still tried in place, by its first record's place (1,000 remembered). */
    private final ConsecutiveFailures failures;
    /**
     * Partitions whose stored position lies below the topic's first offset (records deleted from the topic before
     * they were applied): the gap up to this offset cannot be read again, and is passed over once.
     */
    private final Map<TopicPartition, Long> unrecoverable = new ConcurrentHashMap<>();
    private final Counter soughtBack;

    ProjectionConsumer(Projector projector, ConsumerPositions positions, ParkedRecords parked,
                       TransactionTemplate transaction, JdbcTemplate jdbc, ProjectionProperties properties,
                       MeterRegistry meters, HeldYouths heldYouths) {
        this.heldYouths = heldYouths;
        this.failures = new ConsecutiveFailures(properties.holdAfterAttempts(), 1_000);
        this.jdbc = jdbc;
        this.projector = projector;
        this.positions = positions;
        this.parked = parked;
        this.transaction = transaction;
        this.properties = properties;
        this.outcomes = List.of("applied", "duplicate", "redelivered", "unprojectable", "erased", "after-erasure",
                        "expired", HELD).stream()
                .collect(Collectors.toUnmodifiableMap(outcome -> outcome, outcome -> Counter
                        .builder("ketenbus.projection.records")
                        .description("Backbone records seen by the projection, by outcome")
                        .tag("outcome", outcome)
                        .register(meters)));
        this.soughtLate = Counter.builder("ketenbus.projection.sought.late")
                .description("Partitions sought to their stored position after a batch, not at their assignment, "
                        + "because the position could not be read then")
                .register(meters);
        this.soughtBack = Counter.builder("ketenbus.projection.sought.back")
                .description("Partitions sought back to their stored position because a batch began beyond it "
                        + "(the database lost its last batches)")
                .register(meters);
        this.unreadAtAssignment = Counter.builder("ketenbus.projection.assignments.unread")
                .description("Assignments of partitions whose stored positions could not be read (the database away)")
                .register(meters);
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        heldYouths.readAgain();
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
        Applied applied = applyOrHold(records);
        if (applied.beyondStored()) {
            seekBack(applied.positions(), consumer);
            return;
        }
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

    /**
     * What a batch's transaction counted, and the positions it stored; or, when the batch began beyond a stored
     * position ({@code beyondStored}), nothing, and the positions as stored.
     */
    private record Applied(Map<String, Integer> counted, Map<TopicPartition, Long> positions, boolean beyondStored) {

        Applied(Map<String, Integer> counted, Map<TopicPartition, Long> positions) {
            this(counted, positions, false);
        }
    }

    /**
     * On the consumer's own thread: each partition of a batch that began beyond its stored position goes back to
     * it (what the consumer fetched beyond is dropped with the seek). A stored position below the topic's first
     * offset cannot be read again: that partition goes to the first offset, and the gap is passed over once, as an
     * error in the log.
     */
    private void seekBack(Map<TopicPartition, Long> stored, Consumer<?, ?> consumer) {
        Map<TopicPartition, Long> first = consumer.beginningOffsets(stored.keySet());
        stored.forEach((partition, next) -> {
            long start = first.getOrDefault(partition, 0L);
            if (next < start) {
                unrecoverable.put(partition, start);
                log.error("Backbone records {}-{}@{}..{} were deleted from the topic before they were applied: "
                        + "they cannot be projected (rebuild the read models from the command side)",
                        partition.topic(), partition.partition(), next, start - 1);
            }
            consumer.seek(partition, Math.max(next, start));
        });
        soughtBack.increment(stored.size());
        log.warn("A backbone batch began beyond the stored positions {} (the database lost its last batches?): "
                + "read again from them", stored);
    }

    /**
     * The batch in one transaction. A batch that fails while the database answers is tried again in place, and
     * after {@code hold-after-attempts} failures in a row each of its records alone: the one that fails alone is
     * held (ADR 0033), and the rest of the batch goes on, its youth's later records held behind it.
     */
    private Applied applyOrHold(List<ConsumerRecord<String, byte[]>> records) {
        String batch = records.isEmpty() ? "" : place(records.get(0));
        try {
            Applied applied = transaction.execute(status -> applyBatch(records));
            failures.forget(batch);
            return applied;
        } catch (RuntimeException failure) {
            if (DependencyFailures.notTheRecords(failure) || !failures.reachedLimit(batch)) {
                throw failure;
            }
            failures.forget(batch);
            log.warn("A batch of {} records failed {} times ({}); applying each alone", records.size(),
                    properties.holdAfterAttempts(), failure.getClass().getName());
            return applyEachAlone(records);
        }
    }

    private Applied applyEachAlone(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Integer> counted = new HashMap<>();
        Map<TopicPartition, Long> stored = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Applied one;
            try {
                one = transaction.execute(status -> applyBatch(List.of(record)));
            } catch (RuntimeException failure) {
                if (DependencyFailures.notTheRecords(failure) || takesAway(record)) {
                    // Tried again as a batch, in place; what was applied alone is skipped then as redelivered. An
                    // erasure or an expiry is never held: held, it would leave shown what it takes away.
                    throw failure;
                }
                one = transaction.execute(status -> holdFailing(record, DependencyFailures.classesOf(failure)));
            }
            if (one.beyondStored()) {
                // Nothing of the batch is applied beyond a lost stored position: it is read again from there.
                return one;
            }
            one.counted().forEach((outcome, count) -> counted.merge(outcome, count, Integer::sum));
            stored.putAll(one.positions());
        }
        return new Applied(counted, stored);
    }

    /**
     * Holds the record the projection could not apply, and moves its partition's position past it. A record
     * without a key names no youth to hold: it is parked alone, for a re-drive by hand.
     */
    private Applied holdFailing(ConsumerRecord<String, byte[]> record, String reason) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Map<TopicPartition, Long> next = positions.lock(properties.groupId(), Set.of(partition));
        Map<String, Integer> counted = new HashMap<>();
        if (record.offset() < next.get(partition)) {
            counted.merge("redelivered", 1, Integer::sum);
            return new Applied(counted, next);
        }
        boolean parkedHere = record.key() == null ? parked.keep(record, FAILED_ALONE + reason)
                : parked.hold(record, FAILED + reason);
        counted.merge(parkedHere ? (record.key() == null ? "unprojectable" : HELD) : "after-erasure", 1,
                Integer::sum);
        next.put(partition, record.offset() + 1);
        positions.advance(properties.groupId(), next);
        if (parkedHere) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    heldYouths.held(record.key());
                    // Its place and the failure's classes only: the value is sealed, but a message may quote it.
                    log.warn("Backbone record {} could not be applied and is parked{} (ADR 0033): {}", place(record),
                            record.key() == null ? "" : ", holding its youth's later records", reason);
                }
            });
        }
        return new Applied(counted, next);
    }

    /**
     * An erasure or an expiry is applied even while earlier records of its youth are held: it only takes away,
     * and it takes the held copies with it ({@link Projector}: they are forgotten, or their events marked
     * applied), so none of them shows later what it took away.
     */
    private static boolean takesAway(BackboneEvent event) {
        return event.type().equals(EventCatalogue.SUBJECT_ERASED) || event.type().equals(EventCatalogue.FACTS_EXPIRED);
    }

    /** Whether the record is an erasure or an expiry; false when it cannot be read at all (held, then). */
    private boolean takesAway(ConsumerRecord<String, byte[]> record) {
        try {
            return takesAway(reader.read(record));
        } catch (CloudEventRecords.UnprojectableRecord | RuntimeException unread) {
            return false;
        }
    }

    /**
     * Whether a partition's first record in the batch lies beyond its stored position (an unrecoverable gap
     * passed over once, {@link #seekBack}).
     */
    private boolean beginsBeyond(List<ConsumerRecord<String, byte[]>> records, Map<TopicPartition, Long> next) {
        Set<TopicPartition> seen = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (seen.add(partition) && record.offset() > next.get(partition)
                    && !Long.valueOf(record.offset()).equals(unrecoverable.remove(partition))) {
                return true;
            }
        }
        return false;
    }

    private static String place(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private Applied applyBatch(List<ConsumerRecord<String, byte[]>> records) {
        LiveCommits.begin(jdbc, properties.flushEachBatch());
        Map<TopicPartition, Long> next = positions.lock(properties.groupId(), records.stream()
                .map(record -> new TopicPartition(record.topic(), record.partition()))
                .collect(Collectors.toSet()));
        if (beginsBeyond(records, next)) {
            return new Applied(Map.of(), next, true);
        }
        Map<String, Integer> counted = new HashMap<>();
        Map<ConsumerRecord<String, byte[]>, BackboneEvent> fresh = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (record.offset() < next.get(partition)) {
                counted.merge("redelivered", 1, Integer::sum);
                continue;
            }
            next.put(partition, record.offset() + 1);
            BackboneEvent event;
            try {
                event = reader.read(record);
            } catch (CloudEventRecords.UnprojectableRecord unusable) {
                log.warn("Unprojectable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        unusable.getMessage());
                counted.merge(parked.keep(record, unusable.getMessage()) ? "unprojectable" : "after-erasure", 1,
                        Integer::sum);
                continue;
            }
            if (!takesAway(event) && heldYouths.holdsBack(record)) {
                counted.merge(parked.hold(record, BEHIND) ? HELD : "after-erasure", 1, Integer::sum);
                continue;
            }
            fresh.put(record, event);
        }
        projector.apply(fresh.values(), counted);
        LiveCommits.beforeCommit(jdbc, counted);
        positions.advance(properties.groupId(), next);
        return new Applied(counted, next);
    }
}
