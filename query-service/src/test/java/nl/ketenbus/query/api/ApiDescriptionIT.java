package nl.ketenbus.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.devinfra.ApiLint;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.covenant.SharingRule;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.query.support.QueryApi;
import nl.ketenbus.security.EndpointAccess;
import nl.ketenbus.security.EndpointAccessMatrix;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The query service's API edge: its OpenAPI description passes Redocly's recommended rules with no
 * error, names the bearer scheme, and gives every operation a summary, a unique id and its problem
 * answers; every endpoint names who may call it, as the reviewed endpoint matrix says, and a call
 * refused for want of a role is a 403 problem and a denied access record.
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

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    WebInvocationPrivilegeEvaluator privileges;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyEndpointNamesWhoMayCallItAsTheReviewedMatrixSays() throws Exception {
        EndpointAccessMatrix.assertAsReviewed(mappings, privileges,
                Arrays.stream(OrganisationCode.values()).map(OrganisationCode::code).toList());
    }

    /** The edge admits to one youth's data every role the covenant's rules name for it, and no other. */
    @Test
    void theEdgeAdmitsTheRolesTheCovenantNames() {
        Map<Boolean, Set<String>> named = CovenantLoader.reference().rules().stream().collect(
                Collectors.partitioningBy(SharingRule::aggregateOnly,
                        Collectors.mapping(rule -> EndpointAccess.spelled(rule.toRole().name()), Collectors.toSet())));
        assertThat(rolesOf("GET", "/v1/subjects/{subjectRef}/timeline")).isEqualTo(named.get(false));
        assertThat(rolesOf("GET", "/v1/aggregates")).isEqualTo(named.get(true));
    }

    @Test
    void aCallWithoutTheRoleIsRefusedAtTheEdgeAndLoggedAsDenied() throws Exception {
        String subject = "sr-edge-" + UUID.randomUUID();
        QueryApi api = new QueryApi(port);

        QueryApi.Response refused = api.get("/v1/subjects/" + subject + "/timeline?purpose=pga-casusregie",
                QueryApi.token("gemeente", "analist"));
        QueryApi.Response metrics = api.get("/actuator/metrics", QueryApi.token("gemeente", "casusregisseur"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("type").asText()).isEqualTo("urn:ketenbus:problem:role-not-held");
        assertThat(refused.body().get("detail").asText()).isEqualTo("this needs role casusregisseur or professional");
        assertThat(metrics.status()).isEqualTo(403);
        assertThat(api.get("/actuator/metrics", QueryApi.token("gemeente", "operator")).status()).isEqualTo(200);
        assertThat(api.get("/actuator/metrics", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(jdbc.queryForMap("select action, status, user_role, detail from access_log where subject_ref = ?",
                subject)).containsEntry("action", "edge.refused").containsEntry("status", "denied")
                .containsEntry("user_role", "analist").containsEntry("detail",
                        "GET /v1/subjects/{subjectRef}/timeline: this needs role casusregisseur or professional");
    }

    private static Set<String> rolesOf(String method, String path) {
        return EndpointAccess.fromClassPath().endpoints().stream()
                .filter(endpoint -> endpoint.method().name().equals(method) && endpoint.path().equals(path))
                .findFirst().orElseThrow().roles();
    }

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
