package nl.ketenbus.command.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.events.OrganisationCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;

/**
 * A group's receipts written in one statement, its rows as one array per column: every column as given,
 * the first outcome kept where it is final, a refusal of other content written over, any group size;
 * the partner's id kept only as its keyed reference, and receipts written before that converted.
 */
class IntakeReceiptsIT extends CommandServiceIntegrationTest {

    private static final String SOURCE = "urn:ketenbus:org:politie";
    private static final IntakeRefusal INVALID = new IntakeRefusal(HttpStatus.BAD_REQUEST,
            "https://ketenbus.nl/problems/invalid-data", "Invalid data", "data.indicator: not one of the catalogue's");

    @Autowired
    IntakeReceipts receipts;

    @Autowired
    LegacyReceiptIds legacy;

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void writesEveryColumnOfAcceptedAndRefusedReceipts() {
        PartnerEvent accepted = event("BEZIT");
        PartnerEvent refused = event("ONBEKEND");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);

        Map<IntakeReceipts.Key, String> written = receipts.insertAll(List.of(
                new IntakeReceipts.Entry(accepted, "HTTP", null), new IntakeReceipts.Entry(refused, "KAFKA", INVALID)), at);

        assertThat(written).containsOnly(entry(IntakeReceipts.Key.of(accepted), reference(accepted)),
                entry(IntakeReceipts.Key.of(refused), reference(refused)));
        Map<String, Object> acceptedRow = row(accepted);
        assertThat(acceptedRow).containsEntry("channel", "HTTP").containsEntry("event_type", accepted.type())
                .containsEntry("subject_ref", accepted.subjectRef()).containsEntry("outcome", "ACCEPTED")
                .containsEntry("status", 202).containsEntry("problem_type", null).containsEntry("title", null)
                .containsEntry("detail", null).containsEntry("fingerprint", null);
        assertThat(((Timestamp) acceptedRow.get("received_at")).toInstant()).isEqualTo(at);
        Map<String, Object> refusedRow = row(refused);
        assertThat(refusedRow).containsEntry("channel", "KAFKA").containsEntry("outcome", "REFUSED")
                .containsEntry("status", 400).containsEntry("problem_type", INVALID.problem())
                .containsEntry("title", INVALID.title()).containsEntry("detail", INVALID.detail());
        assertThat((String) refusedRow.get("fingerprint")).hasSize(64);
    }

    @Test
    void keepsFinalOutcomesAndWritesOverARefusalOfOtherContent() {
        PartnerEvent accepted = event("BEZIT");
        PartnerEvent refused = event("ONBEKEND");
        PartnerEvent refusedThenCorrected = event("ONBEKEND");
        receipts.insertAll(List.of(new IntakeReceipts.Entry(accepted, "HTTP", null),
                new IntakeReceipts.Entry(refused, "HTTP", INVALID),
                new IntakeReceipts.Entry(refusedThenCorrected, "HTTP", INVALID)), Instant.now());
        PartnerEvent corrected = new PartnerEvent(refusedThenCorrected.id(), SOURCE, OrganisationCode.POLITIE,
                refusedThenCorrected.type(), refusedThenCorrected.subjectRef(), refusedThenCorrected.time(),
                data("BEZIT"), envelope(refusedThenCorrected.id(), "BEZIT"));

        Map<IntakeReceipts.Key, String> written = receipts.insertAll(List.of(
                new IntakeReceipts.Entry(accepted, "HTTP", INVALID), new IntakeReceipts.Entry(refused, "HTTP", INVALID),
                new IntakeReceipts.Entry(corrected, "HTTP", null)), Instant.now());

        assertThat(written.keySet()).as("only the corrected event is decided afresh")
                .containsExactly(IntakeReceipts.Key.of(corrected));
        assertThat(row(accepted)).containsEntry("outcome", "ACCEPTED");
        assertThat(row(refused)).containsEntry("outcome", "REFUSED").containsEntry("status", 400);
        assertThat(row(corrected)).containsEntry("outcome", "ACCEPTED").containsEntry("fingerprint", null)
                .containsEntry("detail", null);
    }

    @Test
    void writesAGroupOfAnySizeWhole() {
        List<IntakeReceipts.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            entries.add(new IntakeReceipts.Entry(event("BEZIT"), "HTTP", i % 10 == 0 ? INVALID : null));
        }

        Map<IntakeReceipts.Key, String> written = receipts.insertAll(entries, Instant.now());

        assertThat(written).hasSize(2_500);
        assertThat(jdbc.queryForObject("select count(*) from intake_receipt where event_ref = any(?::text[]) "
                        + "and outcome = 'REFUSED'", Long.class,
                (Object) entries.stream().map(entry -> reference(entry.event())).toArray(String[]::new))).isEqualTo(250);
        assertThat(receipts.insertAll(List.of(), Instant.now())).isEmpty();
    }

    @Test
    void keepsNoPartnersIdOnlyItsKeyedReference() {
        String id = "politie-2026-jan-de-vries-" + UUID.randomUUID();
        PartnerEvent named = new PartnerEvent(id, SOURCE, OrganisationCode.POLITIE, "nl.ketenbus.signal.raised.v1",
                "sr-" + UUID.randomUUID(), OffsetDateTime.now(), data("BEZIT"), envelope(id, "BEZIT"));

        receipts.insertAll(List.of(new IntakeReceipts.Entry(named, "HTTP", INVALID)), Instant.now());

        assertThat(row(named)).containsEntry("event_id", null).containsEntry("event_ref", reference(named));
        assertThat(reference(named)).startsWith("pev-").doesNotContain("vries");
        assertThat(jdbc.queryForObject("select count(*) from intake_receipt r where r::text ilike '%de-vries%'",
                Long.class)).isZero();
        assertThat(receipts.findAll(List.of(IntakeReceipts.Key.of(named))))
                .containsOnlyKeys(IntakeReceipts.Key.of(named));
    }

    @Test
    void findsAReceiptWrittenBeforeTheReferencesOnceConverted() {
        PartnerEvent before = event("BEZIT");
        PartnerEvent refusedBefore = event("ONBEKEND");
        receipts.insertAll(List.of(new IntakeReceipts.Entry(before, "HTTP", null),
                new IntakeReceipts.Entry(refusedBefore, "HTTP", INVALID)), Instant.now());
        asWrittenBeforeV25(before);
        asWrittenBeforeV25(refusedBefore);
        assertThat(receipts.findAll(List.of(IntakeReceipts.Key.of(before)))).as("not found unconverted").isEmpty();

        assertThat(legacy.convert()).isGreaterThanOrEqualTo(2);

        assertThat(row(before)).containsEntry("event_id", null).containsEntry("outcome", "ACCEPTED");
        assertThat(receipts.findAll(List.of(IntakeReceipts.Key.of(before), IntakeReceipts.Key.of(refusedBefore))))
                .containsOnlyKeys(IntakeReceipts.Key.of(before), IntakeReceipts.Key.of(refusedBefore));
        assertThat(receipts.insertAll(List.of(new IntakeReceipts.Entry(before, "HTTP", null),
                new IntakeReceipts.Entry(refusedBefore, "HTTP", INVALID)), Instant.now()))
                .as("a resend of either keeps its first outcome").isEmpty();
        assertThat(legacy.convert()).as("nothing left to convert").isZero();
    }

    @Test
    void theReceiptsAreMadeOnlyAfterTheConversion() {
        assertThat(context.getBeanFactory().getDependenciesForBean("intakeReceipts")).contains("legacyReceiptIds");
    }

    /** Turns the receipt back into its form before Flyway V25: the partner's id, no reference. */
    private void asWrittenBeforeV25(PartnerEvent event) {
        assertThat(jdbc.update("update intake_receipt set event_id = ?, event_ref = null where source = ? "
                + "and event_ref = ?", event.id(), event.source(), reference(event))).isEqualTo(1);
    }

    private String reference(PartnerEvent event) {
        return receiptReferenceOf(event.source(), event.id());
    }

    private Map<String, Object> row(PartnerEvent event) {
        return jdbc.queryForMap("select * from intake_receipt where source = ? and (event_ref = ? or event_id = ?)",
                event.source(), reference(event), event.id());
    }

    private static PartnerEvent event(String category) {
        String id = UUID.randomUUID().toString();
        return new PartnerEvent(id, SOURCE, OrganisationCode.POLITIE, "nl.ketenbus.signal.raised.v1",
                "sr-" + UUID.randomUUID(), OffsetDateTime.now(), data(category), envelope(id, category));
    }

    private static ObjectNode data(String category) {
        return JsonNodeFactory.instance.objectNode().put("category", category).put("indicator", "MULTIPLE_PHONES");
    }

    private static ObjectNode envelope(String id, String category) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode().put("specversion", "1.0").put("id", id)
                .put("source", SOURCE).put("type", "nl.ketenbus.signal.raised.v1");
        envelope.set("data", data(category));
        return envelope;
    }
}
