package nl.ketenbus.system;

import static nl.ketenbus.system.Backbone.call;
import static nl.ketenbus.system.Backbone.identifyNewYouth;
import static nl.ketenbus.system.Backbone.metric;
import static nl.ketenbus.system.Backbone.publish;
import static nl.ketenbus.system.Backbone.signalRaised;
import static nl.ketenbus.system.Backbone.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.ServiceProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Two query nodes, as deploy/k8s runs them: they share the projection (the backbone's partitions
 * spread over both, the second node with two consumer threads), every event lands once, both serve
 * every youth, and their reads extend one access-log chain that verifies.
 */
class TwoQueryNodesIT {

    private static final String PROJECTION_GROUP = "query-service";
    private static final int YOUTHS = 6;
    /** The backbone topic's partitions in the system tests (Backbone). */
    private static final int PARTITIONS = 3;
    private static final int SIGNALS_EACH = 10;
    private static final String OOV = user("gemeente", "oov-1", "professional");
    private static final String PRIVACY_OFFICER = user("gemeente", "privacy-officer-1", "privacy-officer");

    @Test
    void twoQueryNodesShareTheProjectionAndExtendOneAccessLog() throws Exception {
        Backbone backbone = new Backbone();
        try (ServiceProcess command = backbone.startCommandService();
             ServiceProcess a = backbone.startQueryService();
             ServiceProcess b = backbone.startQueryService("ketenbus.projection.consumers=2")) {
            // All three consumers (one of a, two of b) are in the group, each with one of the three
            // partitions, before anything arrives.
            await().atMost(Duration.ofSeconds(60)).until(() -> membersWithPartitions(backbone.topic()) == 3);
            List<String> youths = youthsOnEveryPartition(command);
            for (String youth : youths) {
                for (int i = 0; i < SIGNALS_EACH; i++) {
                    assertThat(publish(command, signalRaised(youth, "politie",
                            "2026-03-%02dT10:00:00+01:00".formatted(1 + i), "BEZIT", "MULTIPLE_PHONES")).statusCode())
                            .isEqualTo(202);
                }
            }

            long expected = (long) youths.size() * (1 + SIGNALS_EACH);
            await().atMost(Duration.ofSeconds(90)).until(() -> backbone.queryRows("timeline_entry") >= expected);
            assertThat(backbone.queryRows("timeline_entry")).as("every event once").isEqualTo(expected);
            double appliedByA = metric(a, "ketenbus.projection.records", "outcome:applied");
            double appliedByB = metric(b, "ketenbus.projection.records", "outcome:applied");
            assertThat(appliedByA + appliedByB).isEqualTo((double) expected);
            assertThat(appliedByA).as("node a projects its share").isPositive();
            assertThat(appliedByB).as("node b projects its share").isPositive();

            // Both nodes serve every youth, reading at the same time, into one access log.
            List<CompletableFuture<Integer>> reads = new ArrayList<>();
            for (String youth : youths) {
                for (ServiceProcess node : List.of(a, b)) {
                    reads.add(CompletableFuture.supplyAsync(() -> timelineEntries(node, youth)));
                }
            }
            reads.forEach(read -> assertThat(read.join()).isEqualTo(SIGNALS_EACH));
            for (ServiceProcess node : List.of(a, b)) {
                JsonNode verdict = call(node, "GET", "/v1/audit/verification", null, PRIVACY_OFFICER).body();
                assertThat(verdict.get("intact").asBoolean()).as(verdict.toString()).isTrue();
                assertThat(verdict.get("recordsChecked").asLong()).isGreaterThanOrEqualTo(2L * YOUTHS);
            }
        }
    }

    /** Members of the projection's consumer group that hold partitions of this backbone topic. */
    private static long membersWithPartitions(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Kafka.forTests().bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(PROJECTION_GROUP)).all().get().get(PROJECTION_GROUP).members()
                    .stream().filter(member -> member.assignment().topicPartitions().stream()
                            .anyMatch(partition -> partition.topic().equals(topic)))
                    .count();
        }
    }

    /** The signals the signal meeting's OOV sees on the youth's timeline, read on one node. */
    private static int timelineEntries(ServiceProcess node, String youth) {
        try {
            JsonNode timeline = call(node, "GET", "/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg&size=200",
                    null, OOV).body();
            int signals = 0;
            for (JsonNode entry : timeline.get("entries")) {
                if (entry.get("type").asText().equals("nl.ketenbus.signal.raised.v1")) {
                    signals++;
                }
            }
            return signals;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * At least {@link #YOUTHS} new youths, and at least one on each of the topic's partitions (the
     * backbone keys by pseudonym, hashed as Kafka's default partitioner does), so that each node has
     * events to project whichever partitions it owns.
     */
    private static List<String> youthsOnEveryPartition(ServiceProcess command) throws Exception {
        List<String> youths = new ArrayList<>();
        Set<Integer> partitions = new HashSet<>();
        while (youths.size() < YOUTHS || partitions.size() < PARTITIONS) {
            String youth = identifyNewYouth(command);
            youths.add(youth);
            partitions.add(Utils.toPositive(Utils.murmur2(youth.getBytes(StandardCharsets.UTF_8))) % PARTITIONS);
        }
        return youths;
    }
}
