package nl.ketenbus.system;

import static nl.ketenbus.system.Backbone.accepted;
import static nl.ketenbus.system.Backbone.call;
import static nl.ketenbus.system.Backbone.identifyNewYouth;
import static nl.ketenbus.system.Backbone.signalRaised;
import static nl.ketenbus.system.Backbone.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.devinfra.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * One switch for both services (ADR 0017), with both running as processes and load across the
 * switch: a reader hitting the timeline and a partner publishing all the time never meet a mix of
 * two versions. Every answer is wholly one version, and once the new version answered, the old one
 * never does again; no event of the right the new version withdraws is accepted after the switch.
 */
class CovenantSwitchIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String ADMINISTRATOR = user("gemeente", "covenant-admin-1", "covenant-administrator");
    private static final String PRIVACY_OFFICER = user("gemeente", "privacy-officer-1", "privacy-officer");
    private static final String POLICE = user("politie", "agent-1", "professional");
    private static final String REFERENCE = CovenantLoader.documentAt("");
    /** Version 2: leerplicht no longer publishes signals; the police no longer sees a signal's indicator. */
    private static final String VERSION_2 = REFERENCE.replace("\nversion: 1\n", "\nversion: 2\n")
            .replace("{ organisation: leerplicht, categories: [IDENTITY, SIGNAL],",
                    "{ organisation: leerplicht, categories: [IDENTITY],")
            .replaceFirst("show: \\[category, indicator, observedOn]", "show: [category, observedOn]");

    @Test
    void readersAndPublishersNeverMeetAMixOfTwoVersions() throws Exception {
        assertThat(VERSION_2).contains("{ organisation: leerplicht, categories: [IDENTITY],");
        Backbone backbone = new Backbone();
        try (ServiceProcess command = backbone.startCommandService();
             ServiceProcess query = backbone.startQueryService()) {
            String youth = identifyNewYouth(command);
            accepted(command, signalRaised(youth, "politie", "2026-03-02T10:00:00+01:00", "BEZIT", "MULTIPLE_PHONES"));
            String timeline = "/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg&size=200";
            await().atMost(PATIENCE).until(() -> call(query, "GET", timeline, null, POLICE).body()
                    .path("totalEntries").asInt() >= 1);

            AtomicBoolean running = new AtomicBoolean(true);
            List<Integer> versions = new CopyOnWriteArrayList<>();
            List<Integer> statuses = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> reads = CompletableFuture.runAsync(() -> read(query, timeline, running, versions));
            CompletableFuture<Void> publications = CompletableFuture.runAsync(() -> publish(command, youth, running,
                    statuses));
            int change = call(query, "POST", "/v1/covenant/changes", VERSION_2, ADMINISTRATOR, "application/yaml")
                    .body().get("changeId").asInt();
            await().atMost(PATIENCE).until(() -> call(query, "GET", "/v1/covenant/generations/2", null, ADMINISTRATOR)
                    .body().get("state").asText().equals("READY"));
            JsonNode report = call(query, "GET", "/v1/covenant/changes/" + change + "/impact", null, PRIVACY_OFFICER)
                    .body();
            JsonNode approved = call(query, "POST", "/v1/covenant/changes/" + change + "/approval",
                    "{\"reportSha256\":\"" + report.get("reportSha256").asText() + "\"}", PRIVACY_OFFICER).body();
            assertThat(approved.get("state").asText()).as(approved.toString()).isEqualTo("SWITCHED");
            // The load goes on until both sides answered under the new version several times.
            await().atMost(PATIENCE).until(() -> reads.isCompletedExceptionally()
                    || publications.isCompletedExceptionally()
                    || versions.stream().filter(version -> version == 2).count() >= 5
                    && statuses.stream().filter(status -> status == 403).count() >= 5);
            running.set(false);
            reads.get();
            publications.get();

            assertThat(versions).as("every read answered wholly under one version").doesNotContain(-1)
                    .contains(1, 2).isSorted();
            assertThat(statuses).contains(202, 403);
            assertThat(statuses.subList(statuses.indexOf(403), statuses.size())).as("refused from the switch on")
                    .containsOnly(403);
            assertThat(backbone.commandColumn("select count(*) from intake_receipt where outcome = 'ACCEPTED' "
                    + "and source = 'urn:ketenbus:org:leerplicht' and received_at >= (select switched_at "
                    + "from covenant_in_force)")).as("nothing accepted under the withdrawn right after the switch")
                    .containsExactly("0");
            assertThat(backbone.commandColumn("select covenant_version from covenant_in_force")).containsExactly("2");
            System.out.printf("covenant switch under load: %d reads (%d under version 1), %d publications (%d "
                    + "accepted before the switch)%n", versions.size(), versions.lastIndexOf(1) + 1, statuses.size(),
                    statuses.indexOf(403));
        }
    }

    /** Adds the covenant version of each answer, or -1 for one that mixes versions or contradicts its own. */
    private static void read(ServiceProcess query, String timeline, AtomicBoolean running, List<Integer> versions) {
        try {
            while (running.get()) {
                JsonNode entries = call(query, "GET", timeline, null, POLICE).body().get("entries");
                List<Integer> seen = new ArrayList<>();
                boolean consistent = true;
                for (JsonNode entry : entries) {
                    int version = entry.get("covenantVersion").asInt();
                    seen.add(version);
                    if (entry.get("type").asText().equals("nl.ketenbus.signal.raised.v1")) {
                        consistent &= entry.get("data").has("indicator") == (version == 1);
                    }
                }
                boolean oneVersion = !seen.isEmpty() && seen.stream().distinct().count() == 1;
                versions.add(oneVersion && consistent ? seen.get(0) : -1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds the status of each leerplicht signal, in order; anything but 202 or a covenant refusal fails. */
    private static void publish(ServiceProcess command, String youth, AtomicBoolean running,
                                List<Integer> statuses) {
        try {
            while (running.get()) {
                HttpResponse<String> answer = Backbone.publish(command, signalRaised(youth, "leerplicht",
                        "2026-03-03T10:00:00+01:00", "OVERIG", "TRUANCY_OR_FALLING_GRADES"));
                if (answer.statusCode() == 403) {
                    assertThat(answer.body()).contains("not-allowed-by-covenant");
                } else {
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
                }
                statuses.add(answer.statusCode());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
