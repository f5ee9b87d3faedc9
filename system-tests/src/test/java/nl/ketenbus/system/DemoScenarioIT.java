package nl.ketenbus.system;
import static nl.ketenbus.system.Backbone.call;
import static nl.ketenbus.system.Backbone.metric;
import static nl.ketenbus.system.Backbone.today;
import static nl.ketenbus.system.Backbone.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.ServiceProcess;
import nl.ketenbus.devinfra.demo.DemoPlan;
import nl.ketenbus.devinfra.demo.DemoPlayer;
import org.junit.jupiter.api.Test;

/**
 * The local run's demo scenario against both services: every fact it publishes (HTTP and Kafka) is
 * accepted, the case directors open cases for the proposed youths, the work lists fill, the load
 * generator's signals are taken in, and the Prometheus endpoint shows it.
 */
class DemoScenarioIT {

    @Test
    void theDemoScenarioIsAcceptedWholeAndFillsTheCaseDirectorsWorkLists() throws Exception {
        Backbone backbone = new Backbone();
        try (ServiceProcess command = backbone.startCommandService();
             ServiceProcess query = backbone.startQueryService();
             DemoPlayer player = new DemoPlayer(command.baseUri(), Kafka.forTests(),
                     backbone.topic() + ".intake", DevTokens.forTests())) {
            DemoPlan plan = DemoPlan.of(42, 24, 2, today());

            DemoPlayer.Summary summary = player.play(plan);
            long loaded = player.load(20, Duration.ofSeconds(3), 42);

            assertThat(summary.refused()).isZero();
            // Every identification and planned fact a partner may still share (what is past its retention
            // period is left out: the backbone would refuse it), and the ZVH's answers to the escalations besides.
            long shared = plan.facts() - summary.leftOut();
            assertThat(summary.accepted()).isGreaterThanOrEqualTo(shared + plan.youths().size());
            // What the local run announces is what it then reports: every youth and every fact shared.
            assertThat(summary.identified()).isEqualTo(plan.youths().size());
            assertThat(summary.factsAccepted()).isEqualTo(shared);
            assertThat(summary.casesOpened()).isPositive();
            assertThat(loaded).isGreaterThanOrEqualTo(50);
            // Nothing sent over Kafka was refused (it would be on the partner's dead-letter topic).
            await().atMost(Duration.ofSeconds(60)).until(() -> metric(command, "ketenbus.intake.events",
                    "channel:kafka") >= summary.overKafka());
            assertThat(metric(command, "ketenbus.intake.events", "outcome:refused")).isZero();
            await().atMost(Duration.ofSeconds(60)).until(() -> workList(query, "casusregisseur-1")
                    + workList(query, "casusregisseur-2") > 0);
            assertThat(prometheus(command)).contains("ketenbus_intake_events_total");
            assertThat(prometheus(query)).contains("ketenbus_projection_lag");
        }
    }

    private static int workList(ServiceProcess query, String director) throws IOException, InterruptedException {
        return call(query, "GET", "/v1/work-list", null, user("gemeente", director, "casusregisseur")).body()
                .get("cases").size();
    }

    private static String prometheus(ServiceProcess service) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.baseUri()
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
