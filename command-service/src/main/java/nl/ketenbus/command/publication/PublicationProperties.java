package nl.ketenbus.command.publication;

import java.time.Duration;

import nl.ketenbus.events.backbone.PublicationStatus;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the publication to Kafka.
 *
 * @param enabled           whether this node publishes at all (off only in tests of the store alone)
 * @param topic             the backbone topic all events go to
 * @param createTopic       whether this service creates the topic at start (off where the platform
 *                          team owns topics)
 * @param partitions        partitions of the topic when this service creates it
 * @param replicationFactor replication of the topic when this service creates it
 * @param segments          Axon segments of the publishing processor when the store has none yet
 *                          (each a thread reading every event); a store's surplus segments are
 *                          merged down to it ({@link PublisherSegmentMerge})
 * @param batchSize         at most this many events per processor transaction (and per wait for
 *                          the broker's acknowledgements)
 * @param ackTimeout        how long a batch waits for the broker's acknowledgements before it fails
 *                          and is retried (its token is not advanced)
 * @param statusTopic       where the publication backlog is announced for the query side
 *                          (compacted, one partition; created with the backbone topic)
 */
@ConfigurationProperties("ketenbus.publication")
record PublicationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("ketenbus.events.v1") String topic,
        @DefaultValue("true") boolean createTopic,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("1") int segments,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("30s") Duration ackTimeout,
        @DefaultValue(PublicationStatus.TOPIC) String statusTopic) {
}
