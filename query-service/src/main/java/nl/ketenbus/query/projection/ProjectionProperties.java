package nl.ketenbus.query.projection;

import java.time.Duration;

import nl.ketenbus.events.backbone.PublicationStatus;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the projection consumer.
 *
 * @param topic         the backbone topic
 * @param groupId       consumer group; also the key of the stored positions
 * @param retryInterval pause before a failed batch (e.g. database down) is tried again; it is
 *                      retried for as long as it fails, never skipped, unless it fails
 *                      {@code holdAfterAttempts} times while the database answers (ADR 0033)
 * @param statusTopic   where the command side announces its publication backlog
 * @param consumers     this node's consumer threads; the backbone's partitions are shared among all
 *                      nodes' threads (a youth's events stay on one partition, so on one thread, and
 *                      each batch locks its youths as two nodes do). Two by default: while one
 *                      thread's batch waits for PostgreSQL the other's is decided: a warm node caught
 *                      up on a backlog of 100,000 events at a median of 10,654 records/s with two
 *                      against 9,791 with one, alternated on two shared cores, its reads slower
 *                      meanwhile (docs/benchmarks.md)
 * @param flushEachBatch whether a live batch's commit waits until PostgreSQL has flushed it to disk, as
 *                      every other transaction does; off by default ({@link LiveCommits} says why that
 *                      loses nothing); a batch that erases a youth or lets facts expire always waits
 * @param holdAfterAttempts how many times in a row a batch may fail, while the database answers, before its
 *                      records are applied one by one and the one that fails alone is held (ADR 0033)
 * @param heldRetryInterval how often the held records are tried again ({@link HeldRecordPass})
 */
@ConfigurationProperties("ketenbus.projection")
record ProjectionProperties(
        @DefaultValue("ketenbus.events.v1") String topic,
        @DefaultValue("query-service") String groupId,
        @DefaultValue("2s") Duration retryInterval,
        @DefaultValue(PublicationStatus.TOPIC) String statusTopic,
        @DefaultValue("2") int consumers,
        @DefaultValue("false") boolean flushEachBatch,
        @DefaultValue("3") int holdAfterAttempts,
        @DefaultValue("PT1M") Duration heldRetryInterval) {

    ProjectionProperties {
        if (holdAfterAttempts < 1) {
            throw new IllegalArgumentException("ketenbus.projection.hold-after-attempts must be at least 1");
        }
    }
}
