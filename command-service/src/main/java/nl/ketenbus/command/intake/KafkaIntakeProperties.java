package nl.ketenbus.command.intake;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import nl.ketenbus.events.OrganisationCode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Kafka intake channel: one inbound topic per partner
 * ({@code <prefix>.<organisation>.v1}) and one dead-letter topic per partner
 * ({@code <prefix>.<organisation>.v1.dlt}), so each partner reads only its own refusals.
 *
 * @param enabled       whether this node consumes the partner topics
 * @param topicPrefix   prefix of the partner topics
 * @param groupId       consumer group of the intake
 * @param partitions    partitions per partner topic when this service creates them
 * @param replication   replicas of each partner topic and dead-letter topic it creates (1 in a local run; a
 *                      production cluster sets 3, deploy/k8s/settings.yaml)
 * @param createTopics  whether this service creates the partner topics at start
 * @param retryInterval pause before a record whose outcome could not be made durable (e.g. database
 *                      down) or that met a busy intake is tried again; such a record is never
 *                      dead-lettered or skipped
 * @param deadLetterRetention how long the broker keeps a dead letter (set on the dead-letter topics this
 *                      service creates): long enough for the partner to see why, then gone
 * @param inboundRetention how long the broker keeps a partner's record (set on the partner topics this
 *                      service creates, with segments of a day, so that a record goes within a day of
 *                      it): a buffer until its outcome is stored, not an archive. A record the intake
 *                      cannot decide is held in the database after {@code holdAfterAttempts}, so it does
 *                      not hold up its partition until the broker lets the records behind it go
 * @param holdAfterAttempts how many times in a row a record may fail, while the database answers, before it
 *                      is held ({@link HeldRecords}, ADR 0032) and its partition goes on
 * @param heldRetryInterval how often the held records are tried again ({@link HeldRecordRetry})
 */
@ConfigurationProperties("ketenbus.intake.kafka")
record KafkaIntakeProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("ketenbus.intake") String topicPrefix,
        @DefaultValue("command-service-intake") String groupId,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replication,
        @DefaultValue("true") boolean createTopics,
        @DefaultValue("2s") Duration retryInterval,
        @DefaultValue("30d") Duration deadLetterRetention,
        @DefaultValue("14d") Duration inboundRetention,
        @DefaultValue("5") int holdAfterAttempts,
        @DefaultValue("PT1M") Duration heldRetryInterval) {

    KafkaIntakeProperties {
        if (holdAfterAttempts < 1) {
            throw new IllegalArgumentException("ketenbus.intake.kafka.hold-after-attempts must be at least 1");
        }
    }

    String topicOf(OrganisationCode organisation) {
        return topicPrefix + "." + organisation.code() + ".v1";
    }

    String deadLetterTopicOf(OrganisationCode organisation) {
        return topicOf(organisation) + ".dlt";
    }

    List<String> inboundTopics() {
        return Arrays.stream(OrganisationCode.values()).map(this::topicOf).toList();
    }

    /** The partner whose inbound topic this is; the topic is the partner's identity on Kafka. */
    OrganisationCode organisationOf(String topic) {
        return Arrays.stream(OrganisationCode.values())
                .filter(organisation -> topicOf(organisation).equals(topic))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a partner intake topic: " + topic));
    }
}
