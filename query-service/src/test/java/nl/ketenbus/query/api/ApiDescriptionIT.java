package nl.ketenbus.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.devinfra.ApiLint;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The query service's OpenAPI description passes Redocly's recommended rules with no error, names
 * the bearer scheme, and gives every operation a summary, a unique id and its problem answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDescriptionIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.api");
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @LocalServerPort
    int port;

    @Test
    void passesTheLinterAndAnIntegratorGeneratesATypedClientFromIt() throws Exception {
        assertThat(ApiLint.lintedClient(port, "query-service")).contains("timeline: {", "caseView: {", "Problem: {");
    }

    @Test
    void everyOperationHasASummaryAUniqueIdAndItsProblems() throws Exception {
        JsonNode api = JSON.readTree(fetch("/v3/api-docs"));

        assertThat(api.at("/info/title").asText()).isEqualTo("ketenbus query service");
        assertThat(api.at("/components/securitySchemes/bearer/bearerFormat").asText()).isEqualTo("JWT");
        List<String> ids = new ArrayList<>();
        api.get("paths").forEach(path -> path.forEach(operation -> {
            ids.add(operation.get("operationId").asText());
            assertThat(operation.get("summary")).as(operation.toString()).isNotNull();
            assertThat(operation.at("/responses/401/content/application~1problem+json")).isNotEmpty();
        }));
        assertThat(ids).doesNotHaveDuplicates().noneMatch(id -> id.matches(".*_\\d+"));
        JsonNode timeline = api.at("/paths/~1v1~1subjects~1{subjectRef}~1timeline/get/responses");
        assertThat(timeline.has("403")).isTrue();
        assertThat(timeline.has("503")).isTrue();
        assertThat(api.at("/paths/~1v1~1covenant~1changes/post/responses").has("202")).isTrue();
        assertThat(api.at("/paths/~1v1~1covenant~1changes~1{changeId}~1approval/post/responses").has("409")).isTrue();
    }

    private String fetch(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
