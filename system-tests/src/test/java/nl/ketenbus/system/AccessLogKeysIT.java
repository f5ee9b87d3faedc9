package nl.ketenbus.system;

import static nl.ketenbus.system.Backbone.accepted;
import static nl.ketenbus.system.Backbone.call;
import static nl.ketenbus.system.Backbone.identifyNewYouth;
import static nl.ketenbus.system.Backbone.signalRaised;
import static nl.ketenbus.system.Backbone.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.devinfra.DevSecrets;
import nl.ketenbus.devinfra.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * The access log's keys live as long as its data. A query service stopped and started again on kept
 * data, with its keys where the local run keeps them (beside its other dev secrets), finds the log
 * intact. A node started with another key file raises no false tamper alarm and forges nothing: it
 * is not ready, appends no record and makes no change until the right key file is back.
 */
class AccessLogKeysIT {

    private static final String PRIVACY_OFFICER = user("gemeente", "privacy-officer-1", "privacy-officer");
    private static final String OOV = user("gemeente", "oov-1", "professional");

    @Test
    void aRestartOnKeptDataFindsTheAccessLogIntactAndAnotherKeyExtendsNothing() throws Exception {
        Backbone backbone = new Backbone();
        Path secrets = Files.createTempDirectory("ketenbus-run").resolve("dev-secrets");
        DevSecrets.forLocalRun(secrets);
        Path keys = DevSecrets.auditKeysIn(secrets);
        try (ServiceProcess command = backbone.startCommandService()) {
            String youth = identifyNewYouth(command);
            accepted(command, signalRaised(youth, "politie", "2026-03-01T10:00:00+01:00", "BEZIT",
                    "MULTIPLE_PHONES"));
            String timeline = "/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg";

            long before;
            try (ServiceProcess query = backbone.startQueryService(keys)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> call(query, "GET", timeline, null, OOV).body()
                        .path("totalEntries").asInt() >= 1);
                JsonNode verdict = call(query, "GET", "/v1/audit/verification", null, PRIVACY_OFFICER).body();
                assertThat(verdict.get("intact").asBoolean()).isTrue();
                before = verdict.get("recordsChecked").asLong();
            }
            assertThat(keys).as("kept with the run's data").exists();

            try (ServiceProcess restarted = backbone.startQueryService(keys)) {
                assertThat(call(restarted, "GET", timeline, null, OOV).status()).isEqualTo(200);
                JsonNode verdict = call(restarted, "GET", "/v1/audit/verification", null, PRIVACY_OFFICER).body();
                assertThat(verdict.get("intact").asBoolean()).as(verdict.toString()).isTrue();
                assertThat(verdict.get("recordsChecked").asLong()).isGreaterThan(before);
                assertThat(verdict.get("checkpointsChecked").asLong()).as("signed at the first stop").isPositive();
            }

            long records = accessRecords(backbone);
            Path otherKeys = Files.createTempDirectory("ketenbus-other-keys").resolve("audit-keys");
            try (ServiceProcess wrongKey = backbone.startQueryServiceAlive(otherKeys)) {
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        call(wrongKey, "GET", "/actuator/health/readiness", null, null).status() == 503);
                Backbone.Answer read = call(wrongKey, "GET", timeline, null, OOV);
                assertThat(read.status()).isEqualTo(503);
                assertThat(read.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:access-log-unavailable");
                assertThat(read.body().toString()).doesNotContain("MULTIPLE_PHONES");
                // A change it could not chain a record of is not made either.
                Backbone.Answer change = call(wrongKey, "POST", "/v1/subject-requests", "{\"subjectRef\":\"" + youth
                        + "\",\"kind\":\"ACCESS\",\"receivedOn\":\"" + LocalDate.now(Covenant.ZONE) + "\"}",
                        PRIVACY_OFFICER);
                assertThat(change.status()).as(change.body().toString()).isEqualTo(503);
                assertThat(change.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:access-log-unavailable");
                assertThat(backbone.queryRows("subject_request")).isZero();
                assertThat(backbone.queryRows("access_log_pending")).isZero();
                assertThat(accessRecords(backbone)).isEqualTo(records);
            }

            try (ServiceProcess rightKeyAgain = backbone.startQueryService(keys)) {
                JsonNode verdict = call(rightKeyAgain, "GET", "/v1/audit/verification", null, PRIVACY_OFFICER).body();
                assertThat(verdict.get("intact").asBoolean()).as(verdict.toString()).isTrue();
            }
        }
    }

    private static long accessRecords(Backbone backbone) throws Exception {
        return backbone.queryRows("access_log");
    }
}
