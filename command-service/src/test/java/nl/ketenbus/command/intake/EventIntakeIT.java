package nl.ketenbus.command.intake;

import static nl.ketenbus.command.support.PartnerEvents.identification;
import static nl.ketenbus.command.support.PartnerEvents.newSubjectRef;
import static nl.ketenbus.command.support.PartnerEvents.randomBsn;
import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static nl.ketenbus.command.support.PartnerEvents.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.PartnerEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The HTTP intake against the real event store on PostgreSQL (and a real broker for publication). */
class EventIntakeIT extends CommandServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MeterRegistry meters;

    private IntakeClient intake;

    @BeforeEach
    void client() {
        intake = new IntakeClient(port);
    }

    @Test
    void describesItsApiInOpenApi() throws Exception {
        HttpResponse<String> description = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(description.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(description.body()).get("paths").has("/v1/events")).isTrue();
    }

    @Test
    void identifiesAYouthByBsnAndAnswersTheDerivedSubjectOnlyOnceStored() throws Exception {
        String bsn = randomBsn();

        HttpResponse<String> response = intake.post(identification("urn:ketenbus:org:politie", bsn));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode answer = JSON.readTree(response.body());
        String subject = answer.get("subject").asText();
        assertThat(answer.get("outcome").asText()).isEqualTo("accepted");
        assertThat(subject).startsWith("sr-").doesNotContain(bsn);
        assertThat(storedEventsOf(subject)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select payload_type || ':' || payload_revision from domain_event_entry "
                + "where aggregate_identifier = ?", String.class, subject))
                .isEqualTo("nl.ketenbus.events.subject.SubjectRegistered:2");
    }

    @Test
    void bringsTheSameYouthFromTwoPartnersIntoOneStream() throws Exception {
        String bsn = randomBsn();

        String byPolice = intake.identify("urn:ketenbus:org:politie", bsn);
        String byLeerplicht = intake.identify("urn:ketenbus:org:leerplicht", bsn);

        assertThat(byLeerplicht).isEqualTo(byPolice);
        assertThat(storedEventsOf(byPolice)).isEqualTo(1);
    }

    @Test
    void refusesABsnFailingTheElevenCheckWithoutEchoingIt() throws Exception {
        HttpResponse<String> response = intake.post(identification("urn:ketenbus:org:politie", "123456789"));

        JsonNode problem = assertProblem(response, 400, "urn:ketenbus:problem:invalid-bsn");
        assertThat(meters.get("ketenbus.intake.events").tags("channel", "http", "outcome", "refused",
                "reason", "invalid-bsn").counter().count()).isPositive();
        assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("/data/bsn");
        assertThat(response.body()).doesNotContain("123456789");
    }

    @Test
    void refusesAnIdentificationThatNamesASubject() throws Exception {
        ObjectNode form = identification("urn:ketenbus:org:politie", randomBsn()).put("subject", newSubjectRef());

        assertProblem(intake.post(form), 400, "urn:ketenbus:problem:invalid-attribute");
    }

    @Test
    void storesASignalInTheSubjectsStreamWithItsProvenance() throws Exception {
        String subject = intake.registerNewYouth();

        HttpResponse<String> response = intake.post(signalRaised(subject, "urn:ketenbus:org:leerplicht", "OVERIG",
                "TRUANCY_OR_FALLING_GRADES"));

        assertThat(response.statusCode()).isEqualTo(202);
        String metaData = jdbc.queryForObject("select convert_from(meta_data, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 1", String.class, subject);
        assertThat(JSON.readTree(metaData).get("partnerSource").asText()).isEqualTo("urn:ketenbus:org:leerplicht");
    }

    @Test
    void answersMalformedJsonWithAProblemAndStoresNothing() throws Exception {
        long before = allStoredEvents();

        HttpResponse<String> response = intake.post("{\"specversion\": \"1.0\", \"id\": ", tokenFor("politie"));

        assertProblem(response, 400, "urn:ketenbus:problem:malformed-json");
        assertThat(allStoredEvents()).isEqualTo(before);
    }

    @Test
    void namesEveryMissingCloudEventsAttribute() throws Exception {
        String subject = intake.registerNewYouth();
        ObjectNode event = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES");
        event.remove("id");
        event.remove("source");

        JsonNode problem = assertProblem(intake.post(event), 400, "urn:ketenbus:problem:missing-attribute");

        assertThat(problem.get("errors").toString()).contains("id is missing", "source is missing");
        assertThat(problem.get("errors").findValuesAsText("pointer")).contains("/id", "/source");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void refusesAnUnknownTypeAndStoresNothing() throws Exception {
        String subject = intake.registerNewYouth();
        ObjectNode event = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES")
                .put("type", "nl.ketenbus.subject.vanished.v1");

        JsonNode problem = assertProblem(intake.post(event), 400, "urn:ketenbus:problem:unknown-type");

        // The partner's own text is not repeated: a type may hold anything, a name typed there too.
        assertThat(problem.get("detail").asText()).isEqualTo("type is not in the event catalogue");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void refusesDataThatDoesNotMatchTheSchema() throws Exception {
        String subject = intake.registerNewYouth();

        JsonNode problem = assertProblem(intake.post(signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT",
                "NONE")), 400, "urn:ketenbus:problem:invalid-data");

        assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("/data/indicator");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void namesAnIndicatorOfAnotherCategoryPrecisely() throws Exception {
        String subject = intake.registerNewYouth();

        JsonNode problem = assertProblem(intake.post(signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT",
                "GAMBLING")), 400, "urn:ketenbus:problem:indicator-outside-category");

        assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("/data/indicator");
        assertThat(problem.get("detail").asText()).contains("OVERIG");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void refusesASignalAboutAnUnregisteredSubject() throws Exception {
        String subject = newSubjectRef();

        ObjectNode signal = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES");

        assertProblem(intake.post(signal), 422, "urn:ketenbus:problem:subject-not-registered");
        assertThat(storedEventsOf(subject)).isZero();
        // A refusal by the youth's state is decided afresh at a retry: the state may have changed.
        assertThat(assertProblem(intake.post(signal), 422, "urn:ketenbus:problem:subject-not-registered")
                .has("duplicate")).isFalse();
    }

    @Test
    void refusesCaseworkAtTheIntakeEvenFromAPartnerAllowedToPublishIt() throws Exception {
        String subject = intake.registerNewYouth();
        ObjectNode opened = PartnerEvents.envelope("nl.ketenbus.case.opened.v1", "urn:ketenbus:org:gemeente", subject);
        opened.putObject("data").put("subjectRef", subject).put("caseId", "pga-2026-001");

        assertProblem(intake.post(opened), 422, "urn:ketenbus:problem:not-publishable");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void refusesTheBackbonesOwnRegistrationEventFromAPartner() throws Exception {
        String subject = intake.registerNewYouth();
        ObjectNode registered = PartnerEvents.envelope("nl.ketenbus.subject.registered.v2", "urn:ketenbus:org:politie",
                subject);
        registered.putObject("data").put("subjectRef", subject);

        assertProblem(intake.post(registered), 422, "urn:ketenbus:problem:not-publishable");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void refusesASubjectAttributeThatDiffersFromTheData() throws Exception {
        String subject = intake.registerNewYouth();
        ObjectNode event = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES")
                .put("subject", newSubjectRef());

        JsonNode problem = assertProblem(intake.post(event), 400, "urn:ketenbus:problem:subject-mismatch");

        assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("/subject");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void answersAnotherContentTypeWithAProblem() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/v1/events"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokenFor("politie"))
                .POST(HttpRequest.BodyPublishers.ofString(identification("urn:ketenbus:org:politie", randomBsn())
                        .toString())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void refusesACallerWithoutAToken() throws Exception {
        long before = allStoredEvents();

        HttpResponse<String> response = intake.post(identification("urn:ketenbus:org:politie", randomBsn()).toString(),
                null);

        assertProblem(response, 401, "urn:ketenbus:problem:unauthenticated");
        assertThat(allStoredEvents()).isEqualTo(before);
    }

    @Test
    void refusesAnEventPublishedUnderAnotherPartnersSource() throws Exception {
        ObjectNode form = identification("urn:ketenbus:org:politie", randomBsn());

        JsonNode problem = assertProblem(intake.post(form.toString(), tokenFor("halt")), 403,
                "urn:ketenbus:problem:source-not-caller");

        assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("/source");
        // The forged event does not take the real partner's id: politie can still send it.
        assertThat(intake.post(form).statusCode()).isEqualTo(202);
    }

    @Test
    void refusesATypeThePartnerMayNotPublish() throws Exception {
        String subject = intake.registerNewYouth();

        assertProblem(intake.post(signalRaised(subject, "urn:ketenbus:org:zvh", "BEZIT", "MULTIPLE_PHONES")), 403,
                "urn:ketenbus:problem:not-allowed-by-covenant");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void answersARetryWithTheFirstOutcomeAndStoresNothingNew() throws Exception {
        String subject = intake.registerNewYouth();
        ObjectNode signal = signalRaised(subject, "urn:ketenbus:org:onderwijs", "GEDRAG", "LYING_OR_EXCUSES");
        assertThat(intake.post(signal).statusCode()).isEqualTo(202);

        HttpResponse<String> retry = intake.post(signal);

        assertThat(retry.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(retry.body());
        assertThat(answer.get("outcome").asText()).isEqualTo("duplicate");
        assertThat(answer.get("subject").asText()).isEqualTo(subject);
        assertThat(storedEventsOf(subject)).isEqualTo(2);
    }

    @Test
    void answersARetryOfARefusedEventWithTheSameRefusal() throws Exception {
        String subject = intake.registerNewYouth();
        ObjectNode signal = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "NONE");
        assertProblem(intake.post(signal), 400, "urn:ketenbus:problem:invalid-data");

        JsonNode problem = assertProblem(intake.post(signal), 400, "urn:ketenbus:problem:invalid-data");

        assertThat(problem.get("duplicate").asBoolean()).isTrue();
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void decidesACorrectedResendOfARefusedEventAfresh() throws Exception {
        String subject = intake.registerNewYouth();
        ObjectNode wrong = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "NONE");
        assertProblem(intake.post(wrong), 400, "urn:ketenbus:problem:invalid-data");
        ObjectNode corrected = wrong.deepCopy();
        ((ObjectNode) corrected.get("data")).put("indicator", "MULTIPLE_PHONES");

        HttpResponse<String> fixed = intake.post(corrected);

        assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(202);
        assertThat(storedEventsOf(subject)).isEqualTo(2);
        // Now accepted under that id: final, whatever is sent under it again.
        assertThat(JSON.readTree(intake.post(corrected).body()).get("outcome").asText()).isEqualTo("duplicate");
        assertThat(JSON.readTree(intake.post(wrong).body()).get("outcome").asText()).isEqualTo("duplicate");
        assertThat(storedEventsOf(subject)).isEqualTo(2);
    }

    @Test
    void decidesAResendOfAnEventTheYouthsStateRefusedOnTheStateAsItIsThen() throws Exception {
        String subject = intake.registerNewYouth();
        ObjectNode raise = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES");
        ObjectNode withdrawal = PartnerEvents.envelope("nl.ketenbus.signal.withdrawn.v1", "urn:ketenbus:org:politie",
                subject);
        withdrawal.putObject("data").put("subjectRef", subject).put("signalId", raise.at("/data/signalId").asText())
                .put("reason", "MISTAKEN");
        assertProblem(intake.post(withdrawal), 422, "urn:ketenbus:problem:signal-not-raised");
        assertThat(intake.post(raise).statusCode()).isEqualTo(202);

        HttpResponse<String> resent = intake.post(withdrawal);

        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(202);
    }

    @Test
    void answersADuplicateWithTheFirstAnswersReceivedAt() throws Exception {
        String subject = intake.registerNewYouth();
        ObjectNode signal = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES");
        JsonNode first = JSON.readTree(intake.post(signal).body());

        JsonNode again = JSON.readTree(intake.post(signal).body());

        assertThat(again.get("outcome").asText()).isEqualTo("duplicate");
        assertThat(again.get("receivedAt").asText()).isEqualTo(first.get("receivedAt").asText());
    }

    @Test
    void refusesAnEventLargerThan64KiB() throws Exception {
        String subject = intake.registerNewYouth();
        ObjectNode event = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES");
        event.put("padding", "x".repeat(70_000));

        assertProblem(intake.post(event), 413, "urn:ketenbus:problem:event-too-large");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void refusesATimeFarInTheFuture() throws Exception {
        String subject = intake.registerNewYouth();
        ObjectNode event = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES")
                .put("time", "2999-01-01T00:00:00Z");

        JsonNode problem = assertProblem(intake.post(event), 400, "urn:ketenbus:problem:time-in-future");

        assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("/time");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    /**
     * A signal made three years ago (a partner's history) expired a year after it was made under the
     * reference covenant: refused, naming no day, and nothing of it stored; one made ten months ago is taken in.
     */
    @Test
    void refusesASignalWhoseRetentionEndedBeforeItArrived() throws Exception {
        String subject = intake.registerNewYouth();
        ObjectNode expired = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES")
                .put("time", OffsetDateTime.now().minusYears(3).toString());
        ObjectNode earlier = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES")
                .put("time", OffsetDateTime.now().minusMonths(10).toString());

        JsonNode problem = assertProblem(intake.post(expired), 422, "urn:ketenbus:problem:retention-passed");

        assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("/time");
        assertThat(problem.toString()).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
        assertThat(intake.post(earlier).statusCode()).isEqualTo(202);
        assertThat(storedEventsOf(subject)).isEqualTo(2);
    }

    @Test
    void keepsPayloadsOutOfLargeObjects() {
        assertThat(jdbc.queryForObject("select count(*) from information_schema.columns "
                + "where table_schema = current_schema() and udt_name = 'oid'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select data_type from information_schema.columns where table_schema = "
                + "current_schema() and table_name = 'domain_event_entry' and column_name = 'payload'", String.class))
                .isEqualTo("bytea");
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status, String type) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo(type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }


}
