package nl.ketenbus.command.intake;

import static nl.ketenbus.command.support.PartnerEvents.correction;
import static nl.ketenbus.command.support.PartnerEvents.envelope;
import static nl.ketenbus.command.support.PartnerEvents.newSubjectRef;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.command.identity.PersonalDataSealer;
import nl.ketenbus.command.identity.SubjectPseudonyms;
import nl.ketenbus.command.subject.domain.EraseSubject;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.events.SealedValue;
import nl.ketenbus.events.subject.ErasureGround;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Correcting a youth's personal data over HTTPS (AVG art. 16), against the real store and key table. */
class PersonalDataCorrectionIT extends CommandServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The identification form of the test support gives every youth this name and date of birth. */
    private static final String IDENTIFIED_AS = "Testpersoon";
    private static final LocalDate BORN = LocalDate.of(2010, 5, 1);

    @Autowired
    PersonalDataSealer sealer;

    @Autowired
    SubjectPseudonyms pseudonyms;

    @Autowired
    CommandGateway gateway;

    private IntakeClient intake;

    @BeforeEach
    void client() {
        intake = new IntakeClient(port);
    }

    @Test
    void recordsTheCorrectedNameSealedAndKeepsTheFirstVersionSealedToo() throws Exception {
        String subject = intake.registerNewYouth();

        HttpResponse<String> response = intake.post(correction("urn:ketenbus:org:jeugdhulp", subject, "Bakker-Jansen"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(storedEventsOf(subject)).isEqualTo(2);
        JsonNode corrected = JSON.readTree(jdbc.queryForObject("select convert_from(payload, 'UTF8') from "
                + "domain_event_entry where aggregate_identifier = ? and sequence_number = 1", String.class, subject));
        assertThat(corrected.toString()).doesNotContain("Bakker");
        assertThat(corrected.has("address")).isFalse();
        assertThat(sealer.open(subject, "familyName", JSON.treeToValue(corrected.get("familyName"), SealedValue.class)))
                .contains("Bakker-Jansen");
        JsonNode registered = JSON.readTree(jdbc.queryForObject("select convert_from(payload, 'UTF8') from "
                + "domain_event_entry where aggregate_identifier = ? and sequence_number = 0", String.class, subject));
        assertThat(sealer.open(subject, "familyName", JSON.treeToValue(registered.get("familyName"), SealedValue.class)))
                .as("the first version stays, sealed").contains(IDENTIFIED_AS);
    }

    @Test
    void theNameSearchFindsTheYouthUnderItsCorrectedNameOnly() throws Exception {
        String subject = intake.registerNewYouth();

        intake.post(correction("urn:ketenbus:org:jeugdhulp", subject, "de Vries"));

        assertThat(youthsUnder("de Vries", BORN)).contains(subject);
        assertThat(youthsUnder(IDENTIFIED_AS, BORN)).doesNotContain(subject);
    }

    @Test
    void refusesACorrectionOfAYouthNobodyIdentified() throws Exception {
        String subject = newSubjectRef();

        HttpResponse<String> response = intake.post(correction("urn:ketenbus:org:politie", subject, "Bakker"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).get("type").asText())
                .isEqualTo("urn:ketenbus:problem:subject-not-registered");
        assertThat(storedEventsOf(subject)).isZero();
        assertThat(liveKeysOf(subject)).as("no key made for a youth nobody identified").isZero();
    }

    @Test
    void aCorrectionOfAnErasedYouthLeavesNoKeyOrSearchKeyBehind() throws Exception {
        String subject = intake.registerNewYouth();
        gateway.sendAndWait(new EraseSubject(subject, ErasureGround.OBJECTION_UPHELD, "privacy-officer-1"));
        assertThat(liveKeysOf(subject)).isZero();

        HttpResponse<String> response = intake.post(correction("urn:ketenbus:org:politie", subject, "Bakker"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).get("type").asText()).isEqualTo("urn:ketenbus:problem:subject-erased");
        assertThat(liveKeysOf(subject)).as("the erased youth's keys stay destroyed").isZero();
        assertThat(jdbc.queryForObject("select count(*) from identity_search where subject_ref = ?", Integer.class,
                subject)).isZero();
    }

    private int liveKeysOf(String subject) {
        return jdbc.queryForObject("select count(*) from subject_key where subject_ref = ? and wrapped_key is not null",
                Integer.class, subject);
    }

    @Test
    void refusesAPartnerWithoutTheRightToIdentify() throws Exception {
        String subject = intake.registerNewYouth();

        HttpResponse<String> response = intake.post(correction("urn:ketenbus:org:zvh", subject, "Bakker"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("not-allowed-by-covenant").doesNotContain("Bakker");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void refusesACorrectionThatCorrectsNothingOrTheBsnWithoutEchoingIt() throws Exception {
        String subject = intake.registerNewYouth();
        ObjectNode nothing = envelope("nl.ketenbus.subject.correction.v1", "urn:ketenbus:org:politie", subject);
        nothing.putObject("data").put("subjectRef", subject);
        ObjectNode bsn = envelope("nl.ketenbus.subject.correction.v1", "urn:ketenbus:org:politie", subject);
        bsn.putObject("data").put("subjectRef", subject).put("bsn", "123456782");

        for (ObjectNode refused : List.of(nothing, bsn)) {
            HttpResponse<String> response = intake.post(refused);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("type").asText())
                    .isEqualTo("urn:ketenbus:problem:invalid-data");
            assertThat(response.body()).doesNotContain("123456782");
        }
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void refusesACorrectionWhoseSubjectDiffersFromItsData() throws Exception {
        String subject = intake.registerNewYouth();
        ObjectNode form = correction("urn:ketenbus:org:politie", subject, "Bakker");
        ((ObjectNode) form.get("data")).put("subjectRef", intake.registerNewYouth());

        HttpResponse<String> response = intake.post(form);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("subject-mismatch");
    }

    private List<String> youthsUnder(String familyName, LocalDate born) {
        return jdbc.queryForList("select subject_ref from identity_search where search_key = ?", String.class,
                pseudonyms.searchKeyOf(familyName, born));
    }
}
