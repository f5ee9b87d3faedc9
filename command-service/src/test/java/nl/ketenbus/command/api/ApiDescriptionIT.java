package nl.ketenbus.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.devinfra.ApiLint;
import nl.ketenbus.command.support.PartnerEvents;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.security.EndpointAccessMatrix;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The command service's OpenAPI description is usable to try and to generate a client from: it
 * passes Redocly's recommended rules with no error, names the bearer scheme Swagger UI asks a token
 * for, and describes the intake's request forms and answers.
 */
class ApiDescriptionIT extends CommandServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    WebInvocationPrivilegeEvaluator privileges;

    @Test
    void everyEndpointNamesWhoMayCallItAsTheReviewedMatrixSays() throws Exception {
        EndpointAccessMatrix.assertAsReviewed(mappings, privileges,
                Arrays.stream(OrganisationCode.values()).map(OrganisationCode::code).toList());
    }

    /**
     * A municipal analyst's token may not publish, so it cannot identify a youth by BSN, though the
     * covenant lets the gemeente publish identities: 403 before the intake reads the body.
     */
    @Test
    void onlyAPartnerSystemPublishes() throws Exception {
        String bsn = PartnerEvents.randomBsn();
        String analyst = DevTokens.forTests().mint("gemeente", "gemeente-analist", List.of("analist"),
                Duration.ofHours(1));
        long before = allStoredEvents();

        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/v1/events"))
                .header("Authorization", "Bearer " + analyst).header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(PartnerEvents.identification(
                        "urn:ketenbus:org:gemeente", bsn).toString())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:ketenbus:problem:role-not-held");
        assertThat(problem.get("detail").asText()).isEqualTo("this needs role publisher");
        assertThat(refused.body()).doesNotContain(bsn);
        assertThat(allStoredEvents()).isEqualTo(before);
    }

    @Test
    void passesTheLinterAndAnIntegratorGeneratesATypedClientFromIt() throws Exception {
        assertThat(ApiLint.lintedClient(port, "command-service")).contains("publishEvents: {",
                "\"ce-specversion\"?: string;", "SignalRaisedV1Data: {", "Problem: {");
    }

    @Test
    void describesTheIntakeAsAnIntegratorNeedsIt() throws Exception {
        JsonNode api = JSON.readTree(fetch("/v3/api-docs"));

        assertThat(api.at("/info/title").asText()).isEqualTo("ketenbus command service");
        assertThat(api.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        JsonNode publish = api.at("/paths/~1v1~1events/post");
        assertThat(publish.get("operationId").asText()).isEqualTo("publishEvents");
        assertThat(fieldNames(publish.at("/requestBody/content"))).containsExactlyInAnyOrder(
                "application/cloudevents+json", "application/cloudevents-batch+json", "application/json");
        assertThat(fieldNames(publish.get("responses"))).contains("200", "202", "400", "401", "403", "413", "415",
                "422", "503");
        JsonNode signal = api.at("/components/schemas/SignalRaisedV1Data");
        assertThat(signal.at("/properties/indicator/enum")).isNotEmpty();
        assertThat(signal.toString()).doesNotContain("$defs");
        assertThat(api.at("/components/schemas/SubjectIdentificationV1/properties/type/const").asText())
                .isEqualTo("nl.ketenbus.subject.identification.v1");
    }

    @Test
    void answersCreationWith201AndEveryOperationWithItsProblems() throws Exception {
        JsonNode paths = JSON.readTree(fetch("/v3/api-docs")).get("paths");

        assertThat(fieldNames(paths.at("/~1v1~1subjects~1{subjectRef}~1cases/post/responses")))
                .contains("201", "400", "401", "403", "404", "409", "422").doesNotContain("200");
        assertThat(fieldNames(paths.at("/~1v1~1subjects~1{subjectRef}~1cases~1{caseId}~1interventions/post/responses")))
                .contains("201").doesNotContain("200");
        paths.forEach(path -> path.forEach(operation -> {
            assertThat(operation.get("summary")).as(operation.toString()).isNotNull();
            assertThat(fieldNames(operation.get("responses"))).contains("401");
        }));
    }

    private String fetch(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
