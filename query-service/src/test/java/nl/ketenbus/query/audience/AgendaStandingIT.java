package nl.ketenbus.query.audience;

import static nl.ketenbus.query.support.BackboneRecords.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.query.projection.BackboneEvent;
import nl.ketenbus.query.support.BackboneRecords;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The signal meeting learns who a youth is only while the youth is on its agenda (rules AGD-07..11,
 * condition whileOnAgenda): the registration is decided again when the youth comes onto the agenda
 * and when it leaves it, against the real read model on PostgreSQL and a real broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgendaStandingIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.test");
    private static final OffsetDateTime MARCH = OffsetDateTime.parse("2026-03-14T10:00:00+01:00");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SEALED = "{\"algorithm\":\"AES-256-GCM\",\"keyVersion\":1,\"nonce\":\"bm9uY2U=\","
            + "\"ciphertext\":\"Y2lwaGVy\"}";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AgendaStanding agenda;

    /**
     * What the projection decides on: whether an event moved the youth onto the agenda or off it, read
     * and written in one statement, through every kind of change the agenda knows.
     */
    @Test
    void recordingSaysWhenTheYouthCameOntoTheAgendaOrLeftIt() throws Exception {
        String youth = "subj-" + UUID.randomUUID();
        assertThat(agenda.record(fact(youth, EventCatalogue.SIGNAL_RAISED, "{}"))).isFalse();
        assertThat(agenda.record(fact(youth, EventCatalogue.SIGNAL_MEETING_DECIDED, "{\"decision\":\"OTHER_ROUTE\"}")))
                .as("a decision about a youth that was never on the agenda").isFalse();
        assertThat(agenda.record(assessment(youth, "NOT_IN_TARGET_GROUP"))).isFalse();
        assertThat(agenda.record(fact(youth, EventCatalogue.SIGNALS_MATCHED, "{}"))).as("matched").isTrue();
        assertThat(agenda.onAgenda(youth)).isTrue();
        assertThat(agenda.record(fact(youth, EventCatalogue.SIGNALS_MATCHED, "{}"))).as("matched again").isFalse();
        assertThat(agenda.record(assessment(youth, "CRIMINELE_AANWAS"))).as("proposed while matched").isFalse();
        assertThat(agenda.record(decision(youth, "PGA_PROPOSAL_ACCEPTED"))).as("decided").isTrue();
        assertThat(agenda.onAgenda(youth)).isFalse();
        assertThat(agenda.record(assessment(youth, "CRIMINELE_AANWAS"))).as("the same outcome again").isFalse();
        assertThat(agenda.record(assessment(youth, "ONDERMIJNING"))).as("a new outcome").isTrue();
        assertThat(agenda.record(decision(youth, "FOLLOW_UP"))).as("a follow-up keeps it there").isFalse();
        assertThat(agenda.onAgenda(youth)).isTrue();
        assertThat(agenda.record(decision(youth, "OTHER_ROUTE"))).as("decided again").isTrue();
        assertThat(agenda.onAgenda(youth)).isFalse();
        assertThat(agenda.record(fact(youth, EventCatalogue.SIGNALS_MATCHED, "{}"))).as("a new match").isTrue();
        assertThat(agenda.onAgenda(youth)).isTrue();
    }

    private static BackboneEvent assessment(String youth, String outcome) throws Exception {
        return fact(youth, EventCatalogue.TARGET_GROUP_ASSESSED, "{\"outcome\":\"" + outcome + "\"}");
    }

    private static BackboneEvent decision(String youth, String decision) throws Exception {
        return fact(youth, EventCatalogue.SIGNAL_MEETING_DECIDED, "{\"decision\":\"" + decision + "\"}");
    }

    private static BackboneEvent fact(String youth, EventType type, String data) throws Exception {
        return new BackboneEvent(UUID.randomUUID().toString(), type, "urn:test", OrganisationCode.GEMEENTE, youth,
                MARCH, MARCH, null, new ObjectMapper().readTree(data), null, null);
    }

    @Test
    void theMeetingSeesWhoTheYouthIsWhileProposedAndNotBeforeOrAfter() {
        String youth = "sr-agenda-" + UUID.randomUUID().toString().substring(0, 8);
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            records.send(event(youth, "politie", "nl.ketenbus.subject.registered.v2", "{\"subjectRef\":\"" + youth
                    + "\",\"bsn\":" + SEALED + ",\"familyName\":" + SEALED + ",\"dateOfBirth\":" + SEALED
                    + ",\"address\":" + SEALED + "}", MARCH));
            records.send(event(youth, "politie", "nl.ketenbus.signal.raised.v1", "{\"subjectRef\":\"" + youth
                    + "\",\"signalId\":\"pol-1\",\"category\":\"BEZIT\",\"indicator\":\"MULTIPLE_PHONES\","
                    + "\"observedOn\":\"2026-03-14\"}", MARCH));
            awaitEvents(youth, 2);
            assertThat(identityRulesForTheMeeting(youth)).as("a signal alone puts no youth on the agenda").isEmpty();

            records.send(assessed(youth, "CRIMINELE_AANWAS", 3));
            awaitEvents(youth, 3);
            assertThat(identityRulesForTheMeeting(youth)).containsExactlyInAnyOrder("politie AGD-07",
                    "leerplicht AGD-08", "jongerenwerk AGD-09", "gemeente AGD-10");
            assertThat(jdbc.queryForObject("select array_to_string(redacted, ',') from audience_entry "
                    + "where subject_ref = ? and rule_id = 'AGD-07'", String.class, youth))
                    .as("never the BSN or the address").isEqualTo("bsn,address");

            records.send(assessed(youth, "NOT_IN_TARGET_GROUP", 40));
            awaitEvents(youth, 4);
            assertThat(identityRulesForTheMeeting(youth)).as("off the agenda, the pseudonym again").isEmpty();
        }
    }

    private static io.cloudevents.CloudEvent assessed(String youth, String outcome, int day) {
        return event(youth, "gemeente", "nl.ketenbus.assessment.target-group-assessed.v1", "{\"subjectRef\":\""
                + youth + "\",\"outcome\":\"" + outcome + "\",\"referenceDate\":\"2026-03-16\","
                + "\"ageOnReferenceDate\":15,\"opiumActAntecedents\":0,\"riskIndicators\":" + (2 + day % 3) + "}",
                MARCH.plusDays(day), MARCH.plusDays(day));
    }

    private static io.cloudevents.CloudEvent decided(String youth, int day) {
        return event(youth, "gemeente", "nl.ketenbus.case.signal-meeting-decided.v1", "{\"subjectRef\":\"" + youth
                + "\",\"meetingOn\":\"2026-04-01\",\"decision\":\"PGA_PROPOSAL_ACCEPTED\"}", MARCH.plusDays(day),
                MARCH.plusDays(day));
    }

    /**
     * The hourly recount after retention decides the standing as the live path did: the assessment the meeting
     * decided on, gone from the timeline after its period, does not put the youth back on the agenda (which
     * would show the meeting its name again); and an outcome that changed after the decision and came back
     * keeps the youth on it, as it was live.
     */
    @Test
    void theRecountAfterRetentionKeepsTheMeetingsDecisionAsItStoodLive() {
        String kept = "sr-agenda-" + UUID.randomUUID().toString().substring(0, 8);
        String changed = "sr-agenda-" + UUID.randomUUID().toString().substring(0, 8);
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            records.send(assessed(kept, "CRIMINELE_AANWAS", 3));
            records.send(decided(kept, 5));
            records.send(assessed(kept, "CRIMINELE_AANWAS", 10));
            records.send(assessed(changed, "CRIMINELE_AANWAS", 3));
            records.send(decided(changed, 5));
            records.send(assessed(changed, "ONDERMIJNING", 10));
            records.send(assessed(changed, "CRIMINELE_AANWAS", 20));
            awaitEvents(kept, 3);
            awaitEvents(changed, 4);
        }
        assertThat(agenda.onAgenda(kept)).as("decided, the same outcome since").isFalse();
        assertThat(agenda.onAgenda(changed)).as("another outcome since the decision").isTrue();

        // Retention removes the assessment the meeting decided on.
        jdbc.update("delete from timeline_entry where subject_ref = ? and event_type = ? and recorded_at < ?", kept,
                EventCatalogue.TARGET_GROUP_ASSESSED.name(), java.sql.Timestamp.from(MARCH.plusDays(4).toInstant()));

        assertThat(agenda.recompute(kept)).as("the standing does not move").isFalse();
        assertThat(agenda.onAgenda(kept)).isFalse();
        assertThat(agenda.recompute(changed)).as("the standing does not move").isFalse();
        assertThat(agenda.onAgenda(changed)).isTrue();

        // Retention removes the later assessment too; then the decision's outcome comes once more, live (other
        // counts): compared with the outcome kept with the decision, not with the none retention left.
        jdbc.update("delete from timeline_entry where subject_ref = ? and event_type = ?", kept,
                EventCatalogue.TARGET_GROUP_ASSESSED.name());
        assertThat(agenda.recompute(kept)).isFalse();
        assertThat(agenda.record(new BackboneEvent(UUID.randomUUID().toString(), EventCatalogue.TARGET_GROUP_ASSESSED,
                "urn:test", OrganisationCode.GEMEENTE, kept, MARCH, MARCH, null, new ObjectMapper().createObjectNode()
                .put("outcome", "CRIMINELE_AANWAS"), null, null))).isFalse();
        assertThat(agenda.onAgenda(kept)).isFalse();
    }

    private void awaitEvents(String youth, int events) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "select count(*) from timeline_entry where subject_ref = ?", Long.class, youth) == events);
        // The audience entries are written in the same transaction as the timeline entry.
    }

    /** The signal meeting's audiences that see the youth's registration, with the rule. */
    private List<String> identityRulesForTheMeeting(String youth) {
        return jdbc.queryForList("select audience_organisation || ' ' || rule_id from audience_entry "
                + "where subject_ref = ? and purpose = 'signaaloverleg' and data_category = 'IDENTITY' "
                + "and audience_role = 'PROFESSIONAL' and generation = (select generation from read_model_generation "
                + "where state = 'ACTIVE')", String.class, youth);
    }
}
