package nl.ketenbus.command.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.PartnerEvents;
import nl.ketenbus.security.InternalCalls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The key-release path (ADR 0014) against the running command service: it opens the identity
 * fields the query side sends, for a signed call only, never the BSN, and never a value sealed
 * for another youth or field.
 */
class IdentityReleaseIT extends CommandServiceIntegrationTest {

    private static final String PATH = "/internal/v1/identity/open";
    private static final String COPY = "/internal/v1/identity/open-for-copy";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Value("${ketenbus.internal.secret}")
    String secret;

    @Autowired
    PersonalDataSealer sealer;

    private String youth;
    private JsonNode registered;

    private String bsn;

    @BeforeEach
    void aYouthIdentifiedByThePolice() throws Exception {
        bsn = PartnerEvents.randomBsn();
        youth = new IntakeClient(port).identify("urn:ketenbus:org:politie", bsn);
        registered = JSON.readTree(jdbc.queryForObject("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 0", String.class, youth));
    }

    @Test
    void opensTheIdentityFieldsItIsSentForASignedCall() throws Exception {
        ObjectNode request = request("familyName", registered.get("familyName"));
        ((ObjectNode) request.get("values")).set("givenNames", registered.get("givenNames"));
        HttpResponse<String> answer = send(request, new InternalCalls(secret));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode opened = JSON.readTree(answer.body()).get("values");
        assertThat(opened.get("familyName").asText()).isEqualTo("Testpersoon");
        assertThat(opened.get("givenNames").asText()).isEqualTo("Jan");
    }

    @Test
    void givesTheQuerySideThePseudonymOfABsnForASearch() throws Exception {
        HttpResponse<String> found = send("/internal/v1/identity/pseudonym",
                JSON.createObjectNode().put("bsn", bsn), new InternalCalls(secret));
        HttpResponse<String> invalid = send("/internal/v1/identity/pseudonym",
                JSON.createObjectNode().put("bsn", "123456789"), new InternalCalls(secret));

        assertThat(JSON.readTree(found.body()).get("subjectRef").asText()).isEqualTo(youth);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("urn:ketenbus:problem:invalid-bsn").doesNotContain("123456789");
    }

    @Test
    void findsTheYouthsOfANameAndDateOfBirthHoweverTheNameIsWritten() throws Exception {
        HttpResponse<String> found = send("/internal/v1/identity/by-name", JSON.createObjectNode()
                .put("familyName", " TESTPERSOON").put("dateOfBirth", "2010-05-01"), new InternalCalls(secret));
        HttpResponse<String> otherDay = send("/internal/v1/identity/by-name", JSON.createObjectNode()
                .put("familyName", "Testpersoon").put("dateOfBirth", "2010-05-02"), new InternalCalls(secret));

        assertThat(JSON.readTree(found.body()).get("subjectRefs")).extracting(JsonNode::asText).contains(youth);
        assertThat(JSON.readTree(otherDay.body()).get("subjectRefs")).extracting(JsonNode::asText)
                .doesNotContain(youth);
        assertThat(jdbc.queryForList("select search_key from identity_search where subject_ref = ?", String.class,
                youth)).singleElement().asString().hasSize(64).doesNotContainIgnoringCase("testpersoon");
    }

    @Test
    void neverOpensTheBsn() throws Exception {
        HttpResponse<String> answer = send(request("bsn", registered.get("bsn")), new InternalCalls(secret));

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("urn:ketenbus:problem:bsn-never-released").doesNotContain("Testpersoon");
    }

    @Test
    void aValueSealedForAnotherFieldDoesNotOpen() throws Exception {
        HttpResponse<String> answer = send(request("givenNames", registered.get("familyName")),
                new InternalCalls(secret));

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("urn:ketenbus:problem:does-not-open").doesNotContain("Testpersoon");
    }

    @Test
    void opensEveryValueOfTheYouthACopyShowsTheCaseDirectorsNotesIncludedInTheOrderAsked() throws Exception {
        ObjectNode request = JSON.createObjectNode().put("subjectRef", youth);
        request.putArray("values")
                .add(sealed("perspective.leisure", JSON.valueToTree(sealer.seal(youth, "perspective.leisure",
                        "Voetbalt op zaterdag"))))
                .add(sealed("familyName", registered.get("familyName")))
                .add(sealed("dateOfBirth", registered.get("dateOfBirth")))
                .add(sealed("givenNames", registered.get("givenNames")));

        HttpResponse<String> answer = send(COPY, request, new InternalCalls(secret));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).get("values")).extracting(JsonNode::asText)
                .containsExactly("Voetbalt op zaterdag", "Testpersoon", "2010-05-01", "Jan");
    }

    @Test
    void aCopyNeverOpensTheBsnNorAFieldItDoesNotShowNorAValueSealedForAnotherField() throws Exception {
        ObjectNode withBsn = JSON.createObjectNode().put("subjectRef", youth);
        withBsn.putArray("values").add(sealed("familyName", registered.get("familyName")))
                .add(sealed("bsn", registered.get("bsn")));
        ObjectNode otherField = JSON.createObjectNode().put("subjectRef", youth);
        otherField.putArray("values").add(sealed("perspective", registered.get("familyName")));
        ObjectNode moved = JSON.createObjectNode().put("subjectRef", youth);
        moved.putArray("values").add(sealed("perspective.education", JSON.valueToTree(sealer.seal(youth,
                "perspective.leisure", "Voetbalt op zaterdag"))));

        HttpResponse<String> bsnAnswer = send(COPY, withBsn, new InternalCalls(secret));
        HttpResponse<String> otherAnswer = send(COPY, otherField, new InternalCalls(secret));
        HttpResponse<String> movedAnswer = send(COPY, moved, new InternalCalls(secret));

        assertThat(bsnAnswer.statusCode()).isEqualTo(422);
        assertThat(bsnAnswer.body()).contains("urn:ketenbus:problem:bsn-never-released").doesNotContain("Testpersoon")
                .doesNotContain(bsn);
        assertThat(otherAnswer.statusCode()).isEqualTo(422);
        assertThat(otherAnswer.body()).contains("urn:ketenbus:problem:not-a-copy-field").doesNotContain("Testpersoon");
        assertThat(movedAnswer.statusCode()).isEqualTo(422);
        assertThat(movedAnswer.body()).contains("urn:ketenbus:problem:does-not-open").doesNotContain("Voetbalt");
    }

    @Test
    void refusesACallThatIsNotSignedWithTheInternalSecret() throws Exception {
        byte[] body = JSON.writeValueAsBytes(request("familyName", registered.get("familyName")));
        HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + PATH))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + PartnerEvents.tokenFor("urn:ketenbus:org:politie"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        byte[] otherSecret = new byte[32];
        new SecureRandom().nextBytes(otherSecret);
        HttpResponse<String> wrongSecret = send(request("familyName", registered.get("familyName")),
                new InternalCalls(Base64.getEncoder().encodeToString(otherSecret)));

        assertThat(unsigned.statusCode()).as("a partner's token is not a signature").isEqualTo(401);
        assertThat(unsigned.body()).contains("urn:ketenbus:problem:internal-call-refused").doesNotContain("Testpersoon");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void refusesAnUnsignedCallWhosePathSpellsInternalInPercentEncoding() throws Exception {
        byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("bsn", bsn));
        for (String path : new String[] {"/%69nternal/v1/identity/pseudonym", "/internal/v1/identity/%70seudonym",
                "/%2569nternal/v1/identity/pseudonym"}) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isIn(400, 401);
            assertThat(answer.body()).as(path).doesNotContain(youth);
        }
        String signedPath = "/internal/v1/identity/pseudonym";
        byte[] signedBody = JSON.writeValueAsBytes(JSON.createObjectNode().put("bsn", bsn));
        HttpResponse<String> signedForAnotherSpelling = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/%69nternal/v1/identity/pseudonym"))
                .header("Content-Type", "application/json")
                .header(InternalCalls.HEADER, new InternalCalls(secret).sign("POST", signedPath, signedBody,
                        Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(signedBody)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(signedForAnotherSpelling.statusCode()).as(signedForAnotherSpelling.body()).isIn(400, 401);
    }

    @Test
    void aSignedCallWhoseBodyDoesNotReadIsABadRequestThatRepeatsNothing() throws Exception {
        String path = "/internal/v1/identity/pseudonym";
        byte[] body = "{\"bsn\": 123456782".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .header(InternalCalls.HEADER, new InternalCalls(secret).sign("POST", path, body, Instant.now()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("123456782");
    }

    private static ObjectNode sealed(String field, JsonNode value) {
        ObjectNode sealed = JSON.createObjectNode().put("field", field);
        sealed.set("value", value);
        return sealed;
    }

    private ObjectNode request(String field, JsonNode sealed) {
        ObjectNode request = JSON.createObjectNode().put("subjectRef", youth).put("purpose", "pga-casusregie")
                .put("rule", "PGA-01");
        request.putObject("values").set(field, sealed);
        return request;
    }

    private HttpResponse<String> send(ObjectNode request, InternalCalls calls) throws Exception {
        return send(PATH, request, calls);
    }

    private HttpResponse<String> send(String path, ObjectNode request, InternalCalls calls) throws Exception {
        byte[] body = JSON.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .header(InternalCalls.HEADER, calls.sign("POST", path, body, Instant.now()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
