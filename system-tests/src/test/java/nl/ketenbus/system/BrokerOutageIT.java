package nl.ketenbus.system;

import static nl.ketenbus.system.Backbone.accepted;
import static nl.ketenbus.system.Backbone.identifyNewYouth;
import static nl.ketenbus.system.Backbone.publish;
import static nl.ketenbus.system.Backbone.signalRaised;
import static nl.ketenbus.system.Backbone.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.LocalKafka;
import nl.ketenbus.devinfra.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * The broker is stopped (its own broker, keeping its log) until the publisher has failed to send for
 * want of it, and started again: the intake goes on answering from the store, and once the broker is
 * back the publisher and the projection catch up by themselves; every event reaches the read model
 * once.
 */
class BrokerOutageIT {

    private static final String OOV = user("gemeente", "oov-1", "professional");

    @Test
    void theIntakeAnswersThroughAnOutageAndEverythingCatchesUpOnce() throws Exception {
        Path logs = Files.createTempDirectory("ketenbus-outage-broker");
        int port = LocalKafka.freePorts();
        LocalKafka.Running broker = LocalKafka.startStoppable(logs, port);
        Backbone backbone = new Backbone(broker.kafka());
        try (ServiceProcess command = backbone.startCommandService();
             ServiceProcess query = backbone.startQueryService()) {
            String youth = identifyNewYouth(command);
            String timeline = "/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg&size=200";
            for (int day = 1; day <= 5; day++) {
                accepted(command, signal(youth, day));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> signals(query, timeline) == 5);

            broker.stop().run();
            Instant away = Instant.now();
            List<Integer> during = new ArrayList<>();
            for (int day = 6; day <= 10; day++) {
                during.add(publish(command, signal(youth, day)).statusCode());
            }
            assertThat(during).as("stored while the broker is away").containsOnly(202);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Backbone.call(command, "GET", "/actuator/health", null, null).body().at("/components/broker/status")
                            .asText().equals("DOWN"));
            // The outage lasts until the publisher has met it: a batch failed for want of the broker.
            await().atMost(Duration.ofSeconds(90)).until(() -> failedPublications(command) > 0);
            // What waits is measured in the store, where the truth is while the broker is away.
            await().atMost(Duration.ofSeconds(30)).until(() -> metric(command, "ketenbus.publication.backlog.events") == 5);
            double waitingSeconds = metric(command, "ketenbus.publication.backlog.seconds");
            assertThat(waitingSeconds).isPositive();

            LocalKafka.Running again = LocalKafka.startStoppable(logs, port);
            Instant back = Instant.now();
            Duration outage = Duration.between(away, back);
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> signals(query, timeline) >= 10);
                Duration caughtUp = Duration.between(back, Instant.now());
                assertThat(signals(query, timeline)).as("each event once").isEqualTo(10);
                assertThat(backbone.queryRows("timeline_entry")).isEqualTo(11);
                System.out.printf("broker outage: away %.1f s; acknowledged %d of %d during it, 5 waiting in the store "
                        + "(oldest %.1f s) before it was back, projected %d once, caught up %.1f s after the broker "
                        + "was back%n", outage.toMillis() / 1000.0,
                        during.stream().filter(status -> status == 202).count(), during.size(), waitingSeconds,
                        signals(query, timeline), caughtUp.toMillis() / 1000.0);
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        Backbone.call(command, "GET", "/actuator/health", null, null).body()
                                .at("/components/broker/status").asText().equals("UP"));
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        metric(query, "ketenbus.projection.behind.store.events") == 0);
            } finally {
                query.close();
                command.close();
                again.stop().run();
            }
        }
    }

    private static double failedPublications(ServiceProcess command) throws Exception {
        return metric(command, "ketenbus.publication.failed.batches");
    }

    private static double metric(ServiceProcess service, String name) throws Exception {
        return Backbone.call(service, "GET", "/actuator/metrics/" + name, null,
                DevTokens.forTests().operator()).body()
                .at("/measurements/0/value").asDouble(-1);
    }

    private static String signal(String youth, int day) {
        return signalRaised(youth, "politie", "2026-03-%02dT10:00:00+01:00".formatted(day), "BEZIT", "MULTIPLE_PHONES");
    }

    private static long signals(ServiceProcess query, String timeline) throws Exception {
        JsonNode answer = Backbone.call(query, "GET", timeline, null, OOV).body();
        long count = 0;
        for (JsonNode entry : answer.path("entries")) {
            if (entry.get("type").asText().equals("nl.ketenbus.signal.raised.v1")) {
                count++;
            }
        }
        return count;
    }
}
