package nl.ketenbus.command.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.PartnerEvents;
import nl.ketenbus.security.InternalCalls;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * A youth's stream for the copy of its data (ADR 0027) against the running command service: every stored
 * event of the youth, from the first, as its CloudEvent names it, sealed values sealed; for a signed call only.
 */
class SubjectStreamIT extends CommandServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Value("${ketenbus.internal.secret}")
    String secret;

    @Test
    void givesEveryStoredEventOfTheYouthFromTheFirstWithItsSealedValuesSealed() throws Exception {
        IntakeClient intake = new IntakeClient(port);
        String bsn = PartnerEvents.randomBsn();
        String youth = intake.identify("urn:ketenbus:org:politie", bsn);
        HttpResponse<String> signal = intake.post(PartnerEvents.signalRaised(youth, "urn:ketenbus:org:jongerenwerk",
                "LOCATIE", "FOUND_FAR_OUTSIDE_OWN_AREA"));
        assertThat(signal.statusCode()).as(signal.body()).isEqualTo(202);

        HttpResponse<String> answer = get("/internal/v1/subjects/" + youth + "/stream", true);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode facts = JSON.readTree(answer.body()).get("facts");
        assertThat(facts).extracting(fact -> fact.get("type").asText())
                .containsExactly("nl.ketenbus.subject.registered.v2", "nl.ketenbus.signal.raised.v1");
        assertThat(facts).extracting(fact -> fact.get("sequence").asLong()).containsExactly(0L, 1L);
        assertThat(facts).extracting(fact -> fact.get("id").asText()).containsExactlyElementsOf(jdbc.queryForList(
                "select event_identifier from domain_event_entry where aggregate_identifier = ? "
                        + "order by sequence_number", String.class, youth));
        JsonNode registration = facts.get(0);
        assertThat(registration.get("source").asText()).isEqualTo("urn:ketenbus:org:politie");
        assertThat(registration.at("/data/familyName/ciphertext").isTextual()).as("still sealed").isTrue();
        assertThat(Instant.parse(registration.get("recordedTime").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(facts.get(1).at("/data/indicator").asText()).isEqualTo("FOUND_FAR_OUTSIDE_OWN_AREA");
        assertThat(facts.get(1).get("source").asText()).isEqualTo("urn:ketenbus:org:jongerenwerk");
        assertThat(answer.body()).doesNotContain("Testpersoon").doesNotContain(bsn);
    }

    @Test
    void aLongStreamIsReadInPagesEachSignedWithItsQuery() throws Exception {
        IntakeClient intake = new IntakeClient(port);
        String youth = intake.identify("urn:ketenbus:org:politie", PartnerEvents.randomBsn());
        for (int signal = 0; signal < 4; signal++) {
            assertThat(intake.post(PartnerEvents.signalRaised(youth, "urn:ketenbus:org:politie", "BEZIT",
                    "MULTIPLE_PHONES")).statusCode()).isEqualTo(202);
        }
        String stream = "/internal/v1/subjects/" + youth + "/stream";

        JsonNode first = JSON.readTree(get(stream + "?from=0&limit=2", true).body());
        JsonNode second = JSON.readTree(get(stream + "?from=" + first.get("next").asLong() + "&limit=2", true).body());
        JsonNode last = JSON.readTree(get(stream + "?from=" + second.get("next").asLong() + "&limit=2", true).body());
        HttpResponse<String> queryChanged = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + stream + "?from=3")).header(InternalCalls.HEADER, new InternalCalls(secret).sign("GET", stream
                + "?from=0", new byte[0], Instant.now())).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(first.get("facts")).extracting(fact -> fact.get("sequence").asLong()).containsExactly(0L, 1L);
        assertThat(second.get("facts")).extracting(fact -> fact.get("sequence").asLong()).containsExactly(2L, 3L);
        assertThat(last.get("facts")).extracting(fact -> fact.get("sequence").asLong()).containsExactly(4L);
        assertThat(last.get("next").isNull()).as("the last page").isTrue();
        assertThat(get(stream + "?limit=501", true).statusCode()).isEqualTo(400);
        assertThat(queryChanged.statusCode()).as("the signature covers the query").isEqualTo(401);
    }

    @Test
    void aYouthTheStoreHoldsNothingOfHasNoEventsAndOnlyASignedCallIsAnswered() throws Exception {
        HttpResponse<String> unknown = get("/internal/v1/subjects/" + PartnerEvents.newSubjectRef() + "/stream", true);
        HttpResponse<String> unsigned = get("/internal/v1/subjects/" + PartnerEvents.newSubjectRef() + "/stream",
                false);
        HttpResponse<String> invalid = get("/internal/v1/subjects/no!/stream", true);

        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(unknown.body()).get("facts")).isEmpty();
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(invalid.statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> get(String path, boolean signed) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (signed) {
            request.header(InternalCalls.HEADER, new InternalCalls(secret).sign("GET", path, new byte[0],
                    Instant.now()));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
