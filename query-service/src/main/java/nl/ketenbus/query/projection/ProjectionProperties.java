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
 *                      retried for as long as it fails, never skipped
 * @param statusTopic   where the command side announces its publication backlog
 * @param consumers     this node's consumer threads; the backbone's partitions are shared among all
 *                      nodes' threads (a youth's events stay on one partition, so on one thread, and
 *                      each batch locks its youths as two nodes do). More than one is meant for a
 *                      node with cores to spare; on two shared cores a catch-up with two threads (and
 *                      the timeline's COPY) ran no faster than one with one (docs/benchmarks.md)
 */
@ConfigurationProperties("ketenbus.projection")
record ProjectionProperties(
        @DefaultValue("ketenbus.events.v1") String topic,
        @DefaultValue("query-service") String groupId,
        @DefaultValue("2s") Duration retryInterval,
        @DefaultValue(PublicationStatus.TOPIC) String statusTopic,
        @DefaultValue("1") int consumers) {
}
