package nl.ketenbus.command.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * The command side's hold of a restriction of processing (ADR 0025) over the signed internal path: it keeps
 * the query side's times of each decision, so that both sides compare on one clock, and the youth's last
 * lifting, so that the comparison tells a lifting the query side lost from a restriction this side lost.
 */
class RestrictionHoldingIT extends CommandServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String RESTRICTED_AT = "2026-12-01T10:00:00.123456Z";

    @Value("${ketenbus.internal.secret}")
    String secret;

    @Test
    void keepsTheQuerySidesTimesAndTheYouthsLastLifting() throws Exception {
        String youth = new IntakeClient(port).identify("urn:ketenbus:org:politie", PartnerEvents.randomBsn());
        String restriction = "/internal/v1/subjects/" + youth + "/restriction";
        String lifting = restriction + "/lifting";

        assertThat(send("PUT", restriction, "{\"ground\":\"ACCURACY_CONTESTED\",\"decidedBy\":\"privacy-officer-1\"}")
                .statusCode()).as("a restriction without the query side's time").isEqualTo(400);
        assertThat(send("PUT", restriction, "{\"ground\":\"ACCURACY_CONTESTED\",\"decidedBy\":\"privacy-officer-1\","
                + "\"restrictedAt\":\"" + RESTRICTED_AT + "\"}").statusCode()).isEqualTo(200);
        JsonNode held = held(restriction);
        assertThat(held.get("restricted").asBoolean()).isTrue();
        assertThat(Instant.parse(held.at("/restriction/restrictedAt").asText())).isEqualTo(RESTRICTED_AT);
        assertThat(held.get("lastLifting").isNull()).isTrue();

        assertThat(send("POST", lifting, "{\"restrictedAt\":\"" + RESTRICTED_AT
                + "\",\"liftedBy\":\"privacy-officer-3\"}").statusCode()).as("a lifting without its time").isEqualTo(400);
        assertThat(held(restriction).get("restricted").asBoolean()).as("nothing lifted by a refused call").isTrue();
        assertThat(send("POST", lifting, liftingBy("privacy-officer-3")).statusCode()).isEqualTo(200);
        assertThat(send("POST", lifting, liftingBy("privacy-officer-4")).statusCode()).as("a repeat").isEqualTo(200);
        held = held(restriction);
        assertThat(held.get("restricted").asBoolean()).isFalse();
        JsonNode lifted = held.get("lastLifting");
        assertThat(lifted.get("ground").asText()).isEqualTo("ACCURACY_CONTESTED");
        assertThat(lifted.get("decidedBy").asText()).isEqualTo("privacy-officer-1");
        assertThat(Instant.parse(lifted.get("restrictedAt").asText())).isEqualTo(RESTRICTED_AT);
        assertThat(lifted.get("liftedBy").asText()).as("the lifting as first told").isEqualTo("privacy-officer-3");
        assertThat(Instant.parse(lifted.get("liftedAt").asText())).isEqualTo("2026-12-02T09:30:00Z");
        assertThat(lifted.get("subjectInformedOn").asText()).isEqualTo("2026-12-01");

        // Restricted again: in force, and the last lifting kept beside it.
        assertThat(send("PUT", restriction, "{\"ground\":\"OBJECTION_PENDING\",\"decidedBy\":\"privacy-officer-4\","
                + "\"restrictedAt\":\"2026-12-03T08:00:00Z\"}").statusCode()).isEqualTo(200);
        held = held(restriction);
        assertThat(held.at("/restriction/ground").asText()).isEqualTo("OBJECTION_PENDING");
        assertThat(held.at("/lastLifting/liftedBy").asText()).isEqualTo("privacy-officer-3");
    }

    private static String liftingBy(String officer) {
        return "{\"restrictedAt\":\"" + RESTRICTED_AT + "\",\"liftedBy\":\"" + officer + "\","
                + "\"liftedAt\":\"2026-12-02T09:30:00Z\",\"subjectInformedOn\":\"2026-12-01\"}";
    }

    private JsonNode held(String path) throws Exception {
        HttpResponse<String> answer = send("GET", path, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(InternalCalls.HEADER, new InternalCalls(secret).sign(method, path, body, Instant.now()));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
