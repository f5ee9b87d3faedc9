package nl.ketenbus.command.intake;

import static nl.ketenbus.command.support.PartnerEvents.newSubjectRef;
import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static nl.ketenbus.command.support.PartnerEvents.subjectRegistered;
import static nl.ketenbus.command.support.PartnerEvents.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.command.support.CommandServiceInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The HTTP intake against the real event store on PostgreSQL (and a real broker for publication). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventIntakeIT {

    private static final String TOPIC = CommandServiceInfrastructure.freshTopic();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        CommandServiceInfrastructure.register(registry, TOPIC);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void acceptsARegistrationOnlyOnceItIsInTheEventStore() throws Exception {
        String subject = newSubjectRef();

        HttpResponse<String> response = post(subjectRegistered(subject));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(response.body()).get("outcome").asText()).isEqualTo("accepted");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select payload_type from domain_event_entry where aggregate_identifier = ?",
                String.class, subject)).isEqualTo("nl.ketenbus.events.subject.SubjectRegistered");
    }

    @Test
    void storesASignalInTheSubjectsStreamWithItsProvenance() throws Exception {
        String subject = registered();

        HttpResponse<String> response = post(signalRaised(subject, "urn:ketenbus:org:leerplicht", "OVERIG",
                "TRUANCY_OR_FALLING_GRADES"));

        assertThat(response.statusCode()).isEqualTo(202);
        String metaData = jdbc.queryForObject("select convert_from(meta_data, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 1", String.class, subject);
        assertThat(JSON.readTree(metaData).get("partnerSource").asText()).isEqualTo("urn:ketenbus:org:leerplicht");
    }

    @Test
    void answersMalformedJsonWithAProblemAndStoresNothing() throws Exception {
        long before = allStoredEvents();

        HttpResponse<String> response = post("{\"specversion\": \"1.0\", \"id\": ", tokenFor("politie"));

        assertProblem(response, 400, "urn:ketenbus:problem:malformed-json");
        assertThat(allStoredEvents()).isEqualTo(before);
    }

    @Test
    void namesEveryMissingCloudEventsAttribute() throws Exception {
        String subject = newSubjectRef();
        ObjectNode event = subjectRegistered(subject);
        event.remove("id");
        event.remove("source");

        HttpResponse<String> response = post(event);

        JsonNode problem = assertProblem(response, 400, "urn:ketenbus:problem:missing-attribute");
        assertThat(problem.get("errors").toString()).contains("id is missing", "source is missing");
        assertThat(problem.get("errors").findValuesAsText("pointer")).contains("/id", "/source");
        assertThat(storedEventsOf(subject)).isZero();
    }

    @Test
    void refusesAnUnknownTypeAndStoresNothing() throws Exception {
        String subject = newSubjectRef();
        ObjectNode event = subjectRegistered(subject).put("type", "nl.ketenbus.subject.vanished.v1");

        HttpResponse<String> response = post(event);

        JsonNode problem = assertProblem(response, 400, "urn:ketenbus:problem:unknown-type");
        assertThat(problem.get("detail").asText()).contains("nl.ketenbus.subject.vanished.v1");
        assertThat(storedEventsOf(subject)).isZero();
    }

    @Test
    void refusesDataThatDoesNotMatchTheSchema() throws Exception {
        String subject = registered();
        ObjectNode event = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "GAMBLING");

        HttpResponse<String> response = post(event);

        JsonNode problem = assertProblem(response, 400, "urn:ketenbus:problem:invalid-data");
        assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("/data/indicator");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void refusesASourceThatIsNoPartner() throws Exception {
        String subject = newSubjectRef();
        HttpResponse<String> response = post(subjectRegistered(subject).put("source", "https://example.org").toString(), tokenFor("politie"));

        assertProblem(response, 400, "urn:ketenbus:problem:unknown-source");
        assertThat(storedEventsOf(subject)).isZero();
    }

    @Test
    void refusesASignalAboutAnUnregisteredSubject() throws Exception {
        String subject = newSubjectRef();

        HttpResponse<String> response = post(signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT",
                "MULTIPLE_PHONES"));

        assertProblem(response, 422, "urn:ketenbus:problem:subject-not-registered");
        assertThat(storedEventsOf(subject)).isZero();
    }

    @Test
    void refusesASecondRegistrationOfTheSameSubject() throws Exception {
        String subject = registered();

        HttpResponse<String> response = post(subjectRegistered(subject));

        assertProblem(response, 409, "urn:ketenbus:problem:subject-already-registered");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void refusesASubjectAttributeThatDiffersFromTheData() throws Exception {
        String subject = newSubjectRef();
        HttpResponse<String> response = post(subjectRegistered(subject).put("subject", newSubjectRef()));

        assertProblem(response, 400, "urn:ketenbus:problem:subject-mismatch");
        assertThat(storedEventsOf(subject)).isZero();
    }

    @Test
    void answersAnotherContentTypeWithAProblem() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(events())
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokenFor("politie"))
                .POST(HttpRequest.BodyPublishers.ofString(subjectRegistered(newSubjectRef()).toString())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void refusesACallerWithoutAToken() throws Exception {
        String subject = newSubjectRef();

        HttpResponse<String> response = post(subjectRegistered(subject).toString(), null);

        assertProblem(response, 401, "urn:ketenbus:problem:unauthenticated");
        assertThat(storedEventsOf(subject)).isZero();
    }

    @Test
    void refusesAnEventPublishedUnderAnotherPartnersSource() throws Exception {
        String subject = newSubjectRef();

        HttpResponse<String> response = post(subjectRegistered(subject).toString(), tokenFor("halt"));

        JsonNode problem = assertProblem(response, 403, "urn:ketenbus:problem:source-not-caller");
        assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("/source");
        assertThat(storedEventsOf(subject)).isZero();
        // The forged event does not take the real partner's id: politie can still send it.
        assertThat(post(subjectRegistered(subject)).statusCode()).isEqualTo(202);
    }

    @Test
    void refusesATypeThePartnerMayNotPublish() throws Exception {
        String subject = registered();

        HttpResponse<String> response = post(signalRaised(subject, "urn:ketenbus:org:zvh", "BEZIT",
                "MULTIPLE_PHONES"));

        assertProblem(response, 403, "urn:ketenbus:problem:not-allowed-by-covenant");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void answersARetryWithTheFirstOutcomeAndStoresNothingNew() throws Exception {
        String subject = registered();
        ObjectNode signal = signalRaised(subject, "urn:ketenbus:org:onderwijs", "GEDRAG", "LYING_OR_EXCUSES");
        assertThat(post(signal).statusCode()).isEqualTo(202);

        HttpResponse<String> retry = post(signal);

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retry.body()).get("outcome").asText()).isEqualTo("duplicate");
        assertThat(storedEventsOf(subject)).isEqualTo(2);
    }

    @Test
    void answersARetryOfARefusedEventWithTheSameRefusal() throws Exception {
        String subject = newSubjectRef();
        ObjectNode signal = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES");
        assertProblem(post(signal), 422, "urn:ketenbus:problem:subject-not-registered");
        assertThat(post(subjectRegistered(subject)).statusCode()).isEqualTo(202);

        JsonNode problem = assertProblem(post(signal), 422, "urn:ketenbus:problem:subject-not-registered");

        assertThat(problem.get("duplicate").asBoolean()).isTrue();
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void refusesAnEventLargerThan64KiB() throws Exception {
        String subject = newSubjectRef();
        ObjectNode event = subjectRegistered(subject);
        event.put("padding", "x".repeat(70_000));

        assertProblem(post(event), 413, "urn:ketenbus:problem:event-too-large");
        assertThat(storedEventsOf(subject)).isZero();
    }

    @Test
    void refusesATimeFarInTheFuture() throws Exception {
        String subject = newSubjectRef();

        JsonNode problem = assertProblem(post(subjectRegistered(subject).put("time", "2999-01-01T00:00:00Z")), 400,
                "urn:ketenbus:problem:time-in-future");

        assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("/time");
        assertThat(storedEventsOf(subject)).isZero();
    }

    @Test
    void keepsPayloadsOutOfLargeObjects() {
        assertThat(jdbc.queryForObject("select count(*) from information_schema.columns "
                + "where table_schema = current_schema() and udt_name = 'oid'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select data_type from information_schema.columns where table_schema = "
                + "current_schema() and table_name = 'domain_event_entry' and column_name = 'payload'", String.class))
                .isEqualTo("bytea");
    }

    private String registered() throws IOException, InterruptedException {
        String subject = newSubjectRef();
        assertThat(post(subjectRegistered(subject)).statusCode()).isEqualTo(202);
        return subject;
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status, String type) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo(type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }

    /** Posts the event with a token of the organisation its source names. */
    private HttpResponse<String> post(ObjectNode event) throws IOException, InterruptedException {
        return post(event.toString(), tokenFor(event.path("source").asText("urn:ketenbus:org:politie")));
    }

    private HttpResponse<String> post(String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(events())
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI events() {
        return URI.create("http://localhost:" + port + "/v1/events");
    }

    private long storedEventsOf(String subject) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, subject);
    }

    private long allStoredEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }
}
