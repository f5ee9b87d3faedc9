package nl.ketenbus.system;

import static nl.ketenbus.system.Backbone.accepted;
import static nl.ketenbus.system.Backbone.identifyNewYouth;
import static nl.ketenbus.system.Backbone.signalRaised;
import static nl.ketenbus.system.Backbone.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.devinfra.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * Partner events in over HTTP, timeline entries out, through the event store, the broker and the
 * covenant: the signal meeting reads the signals of two partners.
 */
class EndToEndIT {

    @Test
    void partnerEventsPostedToTheCommandServiceAppearOnTheTimeline() throws Exception {
        Backbone backbone = new Backbone();
        try (ServiceProcess command = backbone.startCommandService();
             ServiceProcess query = backbone.startQueryService()) {
            String subject = identifyNewYouth(command);

            accepted(command, signalRaised(subject, "leerplicht", "2026-02-10T08:30:00+01:00",
                    "OVERIG", "TRUANCY_OR_FALLING_GRADES"));
            accepted(command, signalRaised(subject, "jongerenwerk", "2026-01-20T21:00:00+01:00",
                    "LOCATIE", "FOUND_FAR_OUTSIDE_OWN_AREA"));

            JsonNode page = await().atMost(Duration.ofSeconds(60))
                    .until(() -> timeline(query, subject, 50), timeline -> timeline.get("totalEntries").asInt() == 5);

            // The signal meeting sees both partners' signals, oldest first; then the backbone's own
            // conclusions: the two organisations match, and the youth is proposed. Being on the agenda,
            // the youth is named to the meeting (AGD-10: name and date of birth, never the BSN).
            JsonNode entries = page.get("entries");
            assertThat(entries).extracting(entry -> entry.get("type").asText())
                    .containsExactly("nl.ketenbus.subject.registered.v2", "nl.ketenbus.signal.raised.v1",
                            "nl.ketenbus.signal.raised.v1", "nl.ketenbus.assessment.signals-matched.v1",
                            "nl.ketenbus.assessment.target-group-assessed.v1");
            assertThat(entries).extracting(entry -> entry.get("sourceOrganisation").asText())
                    .containsExactly("politie", "jongerenwerk", "leerplicht", "gemeente", "gemeente");
            assertThat(entries.get(0).get("redacted")).extracting(JsonNode::asText).contains("bsn");
            assertThat(page.at("/youth/familyName").asText()).isEqualTo("Testpersoon");
            assertThat(page.at("/youth/rule").asText()).isEqualTo("AGD-10");
            assertThat(entries.get(2).get("data").get("indicator").asText()).isEqualTo("TRUANCY_OR_FALLING_GRADES");
            assertThat(entries.get(2).get("occurredAt").asText())
                    .isEqualTo(OffsetDateTime.parse(Backbone.recent("2026-02-10T08:30:00+01:00")).toInstant().toString());
            assertThat(entries.get(2).get("rule").asText()).isEqualTo("SIG-04");
        }
    }
}
