package nl.ketenbus.system;

import static nl.ketenbus.system.Backbone.accepted;
import static nl.ketenbus.system.Backbone.call;
import static nl.ketenbus.system.Backbone.envelope;
import static nl.ketenbus.system.Backbone.identifyNewYouth;
import static nl.ketenbus.system.Backbone.publish;
import static nl.ketenbus.system.Backbone.signalRaised;
import static nl.ketenbus.system.Backbone.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.devinfra.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * Two command nodes on one database and one broker, as deploy/k8s runs them, each with the youth in
 * its cache: every command answers as one node would, because each is decided on the youth's full
 * history (ADR 0010). The experiments are the ones that went wrong before: a node deciding on the
 * state it last saw refused valid facts for ever, acknowledged commands it did not store, and
 * failed valid events with 500.
 */
class TwoCommandNodesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIRECTOR = user("gemeente", "casusregisseur-1", "casusregisseur");

    @Test
    void twoNodesDecideEveryCommandOnTheYouthsFullHistory() throws Exception {
        Backbone backbone = new Backbone();
        try (ServiceProcess a = backbone.startCommandService();
             ServiceProcess b = backbone.startCommandService()) {
            String youth = identifyNewYouth(b);

            // A signal raised on A is withdrawn on B, which had the youth cached without it.
            String raise = signalRaised(youth, "politie", "2026-03-01T10:00:00+01:00", "BEZIT", "MULTIPLE_PHONES");
            accepted(a, raise);
            assertThat(publish(b, withdrawal(youth, JSON.readTree(raise).at("/data/signalId").asText())).statusCode())
                    .as("withdrawn on the other node").isEqualTo(202);

            // Two organisations' signals, one per node, make the youth proposed; B opens the case.
            accepted(a, signalRaised(youth, "politie", "2026-03-02T10:00:00+01:00", "BEZIT",
                    "WEAPONS_OR_DRUGS"));
            accepted(b, signalRaised(youth, "leerplicht", "2026-03-03T10:00:00+01:00", "OVERIG",
                    "TRUANCY_OR_FALLING_GRADES"));
            String theCase = "/v1/subjects/" + youth + "/cases/pga-two";
            assertThat(call(b, "POST", "/v1/subjects/" + youth + "/cases", "{\"caseId\":\"pga-two\"}", DIRECTOR)
                    .status()).isEqualTo(201);

            // Escalated on A, the ZVH's answer arrives at B.
            assertThat(call(a, "POST", theCase + "/zvh-escalation", """
                    {"reason":"ESCALATING_RISK","goal":"RISK_ASSESSMENT","partnersToInvite":["POLITIE"]}""",
                    DIRECTOR).status()).isEqualTo(200);
            assertThat(publish(b, envelope("nl.ketenbus.zvh.triage-answered.v1", "zvh", youth,
                    OffsetDateTime.now().withNano(0).toString(), """
                    {"subjectRef":"%s","caseId":"pga-two","outcome":"CONFERENCE_PLANNED","plannedOn":"2026-04-01"}"""
                            .formatted(youth))).statusCode()).as("answered on the other node").isEqualTo(202);

            // Added on B, removed on A, added again on B: stored each time.
            assertThat(call(b, "POST", theCase + "/participants", "{\"organisation\":\"JEUGDHULP\"}", DIRECTOR)
                    .status()).isEqualTo(200);
            assertThat(call(a, "DELETE", theCase + "/participants/jeugdhulp", null, DIRECTOR).status()).isEqualTo(200);
            assertThat(call(b, "POST", theCase + "/participants", "{\"organisation\":\"JEUGDHULP\"}", DIRECTOR)
                    .status()).isEqualTo(200);
            assertThat(stored(backbone, youth, "CaseParticipantAdded")).isEqualTo(2);
            assertThat(stored(backbone, youth, "CaseParticipantRemoved")).isEqualTo(1);

            // The director changed on A and restored on B: both stored.
            assertThat(call(a, "PUT", theCase + "/director", "{\"directorUserId\":\"casusregisseur-2\"}", DIRECTOR)
                    .status()).isEqualTo(200);
            assertThat(call(b, "PUT", theCase + "/director", "{\"directorUserId\":\"casusregisseur-1\"}",
                    user("gemeente", "casusregisseur-2", "casusregisseur")).status()).isEqualTo(200);
            assertThat(stored(backbone, youth, "CaseDirectorAssigned")).isEqualTo(3);
        }
    }

    @Test
    void eventsAboutOneYouthSentRoundRobinToTwoNodesAreAllStored() throws Exception {
        Backbone backbone = new Backbone();
        try (ServiceProcess a = backbone.startCommandService();
             ServiceProcess b = backbone.startCommandService()) {
            String youth = identifyNewYouth(a);
            List<Integer> answers = new ArrayList<>();
            String[] organisations = {"politie", "leerplicht", "jongerenwerk", "onderwijs"};
            for (int i = 0; i < 12; i++) {
                ServiceProcess node = i % 2 == 0 ? a : b;
                answers.add(publish(node, signalRaised(youth, organisations[i % organisations.length],
                        "2026-03-%02dT10:00:00+01:00".formatted(1 + i), "GEDRAG", "LYING_OR_EXCUSES")).statusCode());
            }

            assertThat(answers).containsOnly(202);
            assertThat(stored(backbone, youth, "SignalRaised")).isEqualTo(12);
        }
    }

    private static String withdrawal(String youth, String signalId) {
        return envelope("nl.ketenbus.signal.withdrawn.v1", "politie", youth, "2026-03-01T12:00:00+01:00", """
                {"subjectRef":"%s","signalId":"%s","reason":"MISTAKEN"}""".formatted(youth, signalId));
    }

    private static long stored(Backbone backbone, String youth, String eventType) throws Exception {
        try (Connection connection = backbone.commandSettings().postgres().connect(backbone.commandSettings().schema());
             PreparedStatement statement = connection.prepareStatement("select count(*) from domain_event_entry "
                     + "where aggregate_identifier = ? and payload_type like ?")) {
            statement.setString(1, youth);
            statement.setString(2, "%." + eventType);
            try (ResultSet count = statement.executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        }
    }
}
