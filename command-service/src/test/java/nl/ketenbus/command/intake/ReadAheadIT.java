package nl.ketenbus.command.intake;

import static nl.ketenbus.command.support.PartnerEvents.identification;
import static nl.ketenbus.command.support.PartnerEvents.randomBsn;
import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static nl.ketenbus.command.support.PartnerEvents.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.PartnerEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A group about youths this node has not cached reads their streams ahead, together
 * ({@code StreamPrefetch}), and decides exactly as it would have on streams read one by one: a
 * withdrawal needs the signal its history raised, a second withdrawal in the same group sees the
 * first, a signal never raised is refused, and a new youth starts from nothing. The node caches one
 * youth only, so nearly every load is a read.
 */
@TestPropertySource(properties = "ketenbus.subjects.cached=1")
class ReadAheadIT extends CommandServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLITIE = "urn:ketenbus:org:politie";

    @Autowired
    MeterRegistry meters;

    @Test
    void decidesAGroupOnStreamsReadAheadAsOnStreamsReadOneByOne() throws Exception {
        IntakeClient intake = new IntakeClient(port);
        List<String> youths = new ArrayList<>();
        List<ObjectNode> raised = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String youth = intake.registerNewYouth();
            ObjectNode signal = signalRaised(youth, POLITIE, "BEZIT", "MULTIPLE_PHONES");
            assertThat(intake.post(signal).statusCode()).isEqualTo(202);
            youths.add(youth);
            raised.add(signal);
        }
        double readAheadBefore = streamReads("read-ahead");
        double loadedBefore = meters.get("ketenbus.subjects.loaded").tag("why", "not-cached").functionCounter().count();
        double letGoBefore = meters.get("ketenbus.subjects.let.go").functionCounter().count();
        ArrayNode batch = JSON.createArrayNode();
        for (int i = 0; i < youths.size(); i++) {
            batch.add(withdrawal(youths.get(i), raised.get(i).at("/data/signalId").asText()));
        }
        batch.add(withdrawal(youths.get(0), raised.get(0).at("/data/signalId").asText()));
        batch.add(withdrawal(youths.get(1), "sig-never-raised"));
        batch.add(identification(POLITIE, randomBsn()));

        JsonNode answer = JSON.readTree(intake.postBatch(batch.toString(), tokenFor("politie")).body());

        List<String> outcomes = new ArrayList<>();
        answer.get("results").forEach(result -> outcomes.add(result.get("outcome").asText()
                + " " + result.path("problem").path("type").asText()));
        assertThat(outcomes).containsExactly("accepted ", "accepted ", "accepted ", "accepted ", "accepted ",
                "accepted ", "refused urn:ketenbus:problem:signal-not-raised",
                "refused urn:ketenbus:problem:signal-not-raised", "accepted ");
        for (String youth : youths) {
            assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                    + "and payload_type like '%SignalWithdrawn'", Long.class, youth)).as("one withdrawal stored")
                    .isEqualTo(1);
        }
        assertThat(streamReads("read-ahead") - readAheadBefore).as("the youths' loads were served read ahead")
                .isGreaterThanOrEqualTo(youths.size());
        assertThat(meters.get("ketenbus.subjects.loaded").tag("why", "not-cached").functionCounter().count()
                - loadedBefore).as("each youth read from the store: the node keeps one")
                .isGreaterThanOrEqualTo(youths.size() - 1);
        assertThat(meters.get("ketenbus.subjects.let.go").functionCounter().count() - letGoBefore)
                .as("and let go again").isGreaterThanOrEqualTo(youths.size() - 1);
        // At most the one it may keep: not exactly one, since this context's scheduler may meanwhile decide
        // another test's youth's deadline from the shared store, and a failed decision drops its entry.
        assertThat(meters.get("ketenbus.subjects.cached").gauge().value()).isLessThanOrEqualTo(1.0);
    }

    /**
     * A group's new youths get their data keys without a query each: the keys' read-ahead finds none,
     * and the forms are sealed with keys made from what it found. Their first facts in the next group
     * open the keys read ahead as well.
     */
    @Test
    void identifiesAGroupsNewYouthsWithoutAKeyQueryEach() throws Exception {
        IntakeClient intake = new IntakeClient(port);
        ArrayNode forms = JSON.createArrayNode();
        for (int i = 0; i < 5; i++) {
            forms.add(identification(POLITIE, randomBsn()));
        }
        double aloneBefore = keyLookups("alone");
        double aheadBefore = keyLookups("read-ahead");

        JsonNode answer = JSON.readTree(intake.postBatch(forms.toString(), tokenFor("politie")).body());

        List<String> youths = new ArrayList<>();
        answer.get("results").forEach(result -> {
            assertThat(result.get("outcome").asText()).as(result.toString()).isEqualTo("accepted");
            youths.add(result.get("subject").asText());
        });
        assertThat(keyLookups("alone") - aloneBefore).as("no youth's key looked up alone").isZero();
        assertThat(keyLookups("read-ahead") - aheadBefore).isGreaterThanOrEqualTo(youths.size());
        assertThat(jdbc.queryForObject("select count(*) from subject_key where subject_ref = any(?::text[]) "
                + "and wrapped_key is not null", Integer.class, (Object) youths.toArray(String[]::new)))
                .as("each youth's key stored").isEqualTo(youths.size());
    }

    private static ObjectNode withdrawal(String youth, String signalId) {
        ObjectNode withdrawal = PartnerEvents.envelope("nl.ketenbus.signal.withdrawn.v1", POLITIE, youth);
        withdrawal.putObject("data").put("subjectRef", youth).put("signalId", signalId).put("reason", "MISTAKEN");
        return withdrawal;
    }

    private double keyLookups(String way) {
        return meters.get("ketenbus.identity.key.lookups").tag("way", way).functionCounter().count();
    }

    private double streamReads(String way) {
        return meters.counter("ketenbus.event-store.stream-reads", "way", way).count();
    }
}
