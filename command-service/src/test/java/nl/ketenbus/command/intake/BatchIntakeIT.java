package nl.ketenbus.command.intake;

import static nl.ketenbus.command.support.PartnerEvents.identification;
import static nl.ketenbus.command.support.PartnerEvents.newSubjectRef;
import static nl.ketenbus.command.support.PartnerEvents.randomBsn;
import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static nl.ketenbus.command.support.PartnerEvents.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.command.identity.CurrentPseudonyms;
import nl.ketenbus.command.identity.SubjectPseudonyms;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.events.Bsn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The batch form of the HTTP intake ({@code application/cloudevents-batch+json}). */
class BatchIntakeIT extends CommandServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    SubjectPseudonyms pseudonyms;

    @Autowired
    CurrentPseudonyms current;

    @Test
    void answersEveryEventOfABatchAndStoresOnlyTheAcceptedOnes() throws Exception {
        String known = new IntakeClient(port).registerNewYouth();
        ObjectNode earlier = signalRaised(known, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES");
        assertThat(new IntakeClient(port).post(earlier).statusCode()).isEqualTo(202);
        ObjectNode form = identification("urn:ketenbus:org:politie", randomBsn());
        ArrayNode batch = JSON.createArrayNode()
                .add(form)
                .add(signalRaised(known, "urn:ketenbus:org:politie", "GEDRAG", "LATE_OR_UNEXPLAINED_ABSENCE_FROM_HOME"))
                .add(signalRaised(known, "urn:ketenbus:org:politie", "BEZIT", "NONE"))
                .add(signalRaised(newSubjectRef(), "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"))
                .add(earlier)
                .add(JSON.createObjectNode().put("specversion", "1.0"));

        HttpResponse<String> response = postBatch(batch.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("results")).extracting(result -> result.get("outcome").asText())
                .containsExactly("accepted", "accepted", "refused", "refused", "duplicate", "refused");
        assertThat(answer.get("results")).extracting(result -> result.path("problem").path("type").asText())
                .containsExactly("", "", "urn:ketenbus:problem:invalid-data",
                        "urn:ketenbus:problem:subject-not-registered", "", "urn:ketenbus:problem:missing-attribute");
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.get("duplicates").asInt()).isEqualTo(1);
        assertThat(answer.get("refused").asInt()).isEqualTo(3);
        String identified = answer.get("results").get(0).get("subject").asText();
        assertThat(storedEventsOf(identified)).isEqualTo(1);
        // Registration, two signals, and the target-group assessment the second signal completed.
        assertThat(storedEventsOf(known)).isEqualTo(4);
    }

    @Test
    void concurrentBatchesAboutTheSameYouthsAllLandInOrder() throws Exception {
        IntakeClient intake = new IntakeClient(port);
        List<String> youths = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            youths.add(intake.registerNewYouth());
        }
        List<java.util.concurrent.Future<JsonNode>> answers = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(3);
        List<ArrayNode> batches = new java.util.ArrayList<>();
        for (int b = 0; b < 6; b++) {
            ArrayNode batch = JSON.createArrayNode();
            for (int i = 0; i < 100; i++) {
                ObjectNode signal = signalRaised(youths.get(i % youths.size()), "urn:ketenbus:org:politie", "BEZIT",
                        "MULTIPLE_PHONES");
                ((ObjectNode) signal.get("data")).put("signalId", "b" + b + "-" + String.format("%03d", i));
                batch.add(signal);
            }
            batches.add(batch);
            answers.add(clients.submit(() -> JSON.readTree(postBatch(batch.toString()).body())));
        }
        for (java.util.concurrent.Future<JsonNode> answer : answers) {
            assertThat(answer.get().get("accepted").asInt()).isEqualTo(100);
        }
        clients.shutdown();

        for (String youth : youths) {
            assertThat(storedEventsOf(youth)).isEqualTo(1 + 6 * 20);
            List<String> signalIds = jdbc.queryForList("select convert_from(payload, 'UTF8')::json->>'signalId' "
                    + "from domain_event_entry where aggregate_identifier = ? and sequence_number > 0 "
                    + "order by sequence_number", String.class, youth);
            for (int b = 0; b < 6; b++) {
                String prefix = "b" + b + "-";
                List<String> ofBatch = signalIds.stream().filter(id -> id.startsWith(prefix)).toList();
                assertThat(ofBatch).as("one batch's events of one youth stay in the order sent").isSorted();
            }
        }
    }

    @Test
    void refusesABatchOfMoreThanAThousandEventsWhole() throws Exception {
        long before = allStoredEvents();
        ArrayNode batch = JSON.createArrayNode();
        for (int i = 0; i < 1001; i++) {
            batch.add(identification("urn:ketenbus:org:politie", randomBsn()));
        }

        HttpResponse<String> response = postBatch(batch.toString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("type").asText()).isEqualTo("urn:ketenbus:problem:batch-too-large");
        assertThat(allStoredEvents()).isEqualTo(before);
    }

    @Test
    void acceptsAFullBatchOfAThousand() throws Exception {
        ArrayNode batch = JSON.createArrayNode();
        for (int i = 0; i < 1000; i++) {
            batch.add(identification("urn:ketenbus:org:politie", randomBsn()));
        }

        HttpResponse<String> response = postBatch(batch.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        // A random BSN may repeat within the batch; the second is then the same youth, nothing new.
        assertThat(answer.get("accepted").asInt()).isEqualTo(1000);
        assertThat(answer.get("refused").asInt()).isZero();
    }

    @Test
    void refusesSomethingThatIsNoBatch() throws Exception {
        HttpResponse<String> response = postBatch(identification("urn:ketenbus:org:politie", randomBsn()).toString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("type").asText()).isEqualTo("urn:ketenbus:problem:malformed-batch");
    }

    @Test
    void refusesAnOversizedEventOfABatchAndAcceptsTheRest() throws Exception {
        ObjectNode large = identification("urn:ketenbus:org:politie", randomBsn());
        large.put("padding", "x".repeat(70_000));
        ObjectNode fine = identification("urn:ketenbus:org:politie", randomBsn());

        JsonNode answer = JSON.readTree(postBatch(JSON.createArrayNode().add(large).add(fine).toString()).body());

        assertThat(answer.get("results")).extracting(result -> result.get("outcome").asText())
                .containsExactly("refused", "accepted");
        assertThat(answer.at("/results/0/problem/type").asText()).isEqualTo("urn:ketenbus:problem:event-too-large");
    }

    /** The partner's trace goes with every fact of its batch (taken once per request). */
    @Test
    void keepsThePartnersTraceWithEveryFactOfABatch() throws Exception {
        String first = new IntakeClient(port).registerNewYouth();
        String second = new IntakeClient(port).registerNewYouth();
        ArrayNode batch = JSON.createArrayNode()
                .add(signalRaised(first, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"))
                .add(signalRaised(second, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"));

        HttpResponse<String> response = HTTP.send(batchRequest(batch.toString())
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(JSON.readTree(response.body()).get("accepted").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForList("select convert_from(meta_data, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier in (?, ?) and sequence_number = 1", String.class, first, second))
                .hasSize(2).allSatisfy(metaData -> assertThat(metaData)
                        .containsPattern("\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01\""));
    }

    /**
     * The forms of a batch are given their youths together: a person whose first history was erased
     * is identified under the next pseudonym, as a single form would be, and a form whose BSN fails its
     * check is refused alone.
     */
    @Test
    void identifiesTheFormsOfABatchEachUnderItsCurrentPseudonym() throws Exception {
        String fresh = randomBsn();
        String erasedBefore = randomBsn();
        String firstHistory = pseudonyms.subjectRefOf(Bsn.parse(erasedBefore));
        jdbc.update("insert into erasure_proof (subject_ref, erased_at, decided_by, ground, categories, "
                + "keys_destroyed) values (?, now(), 'test', 'NO_LONGER_NECESSARY', '{}', 0)", firstHistory);
        ArrayNode batch = JSON.createArrayNode()
                .add(identification("urn:ketenbus:org:politie", fresh))
                .add(identification("urn:ketenbus:org:politie", "123456789"))
                .add(identification("urn:ketenbus:org:politie", erasedBefore));

        JsonNode answer = JSON.readTree(postBatch(batch.toString()).body());

        assertThat(answer.get("results")).extracting(result -> result.get("outcome").asText())
                .containsExactly("accepted", "refused", "accepted");
        assertThat(answer.get("results").get(1).path("problem").path("type").asText())
                .isEqualTo("urn:ketenbus:problem:invalid-bsn");
        assertThat(answer.get("results").get(0).get("subject").asText())
                .isEqualTo(pseudonyms.subjectRefOf(Bsn.parse(fresh)));
        String again = answer.get("results").get(2).get("subject").asText();
        assertThat(again).isNotEqualTo(firstHistory).isEqualTo(current.of(Bsn.parse(erasedBefore)));
        assertThat(storedEventsOf(again)).isEqualTo(1);
        assertThat(storedEventsOf(firstHistory)).isZero();
    }

    /**
     * A refused identification form's answer names no youth: its pseudonym, derived from the BSN before the
     * form is checked, would tell a partner without the right to identify (or sending forms that fail their
     * schema) the pseudonym of any BSN, past the logged search.
     */
    @Test
    void aRefusedIdentificationFormsAnswerNamesNoYouth() throws Exception {
        ObjectNode incomplete = identification("urn:ketenbus:org:politie", randomBsn());
        ((ObjectNode) incomplete.get("data")).remove("familyName");
        JsonNode invalid = JSON.readTree(postBatch(JSON.createArrayNode().add(incomplete).toString()).body());
        assertThat(invalid.get("results").get(0).path("problem").path("type").asText())
                .isEqualTo("urn:ketenbus:problem:invalid-data");
        assertThat(invalid.get("results").get(0).has("subject")).as(invalid.toString()).isFalse();

        String bsn = randomBsn();
        HttpResponse<String> notAllowed = HTTP.send(batchRequest(JSON.createArrayNode()
                .add(identification("urn:ketenbus:org:zvh", bsn)).toString(), "zvh").build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode refused = JSON.readTree(notAllowed.body());
        assertThat(refused.get("results").get(0).path("problem").path("type").asText())
                .isEqualTo("urn:ketenbus:problem:not-allowed-by-covenant");
        assertThat(refused.get("results").get(0).has("subject")).as(notAllowed.body()).isFalse();
        assertThat(notAllowed.body()).doesNotContain(pseudonyms.subjectRefOf(Bsn.parse(bsn)));
    }

    private HttpResponse<String> postBatch(String body) throws Exception {
        return HTTP.send(batchRequest(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder batchRequest(String body) {
        return batchRequest(body, "politie");
    }

    private HttpRequest.Builder batchRequest(String body, String organisation) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/events"))
                .header("Content-Type", "application/cloudevents-batch+json")
                .header("Authorization", "Bearer " + tokenFor(organisation))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }


}
