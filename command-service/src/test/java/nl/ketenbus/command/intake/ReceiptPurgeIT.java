package nl.ketenbus.command.intake;

import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Intake receipts are purged after their retention period (a year), the recent ones kept. */
class ReceiptPurgeIT extends CommandServiceIntegrationTest {

    @Autowired
    ReceiptPurge purge;

    @Test
    void removesReceiptsOlderThanTheirPeriodAndKeepsTheRest() throws Exception {
        IntakeClient intake = new IntakeClient(port);
        String subject = intake.registerNewYouth();
        ObjectNode old = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES");
        ObjectNode recent = signalRaised(subject, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES");
        intake.post(old);
        intake.post(recent);
        jdbc.update("update intake_receipt set received_at = now() - interval '366 days' where event_ref = ?",
                receiptReferenceOf(old));

        long purged = purge.purge();

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(receipts(List.of(receiptReferenceOf(old), receiptReferenceOf(recent))))
                .containsExactly(receiptReferenceOf(recent));
        assertThat(storedEventsOf(subject)).as("the events themselves stay").isEqualTo(3);
    }

    private List<String> receipts(List<String> references) {
        return jdbc.queryForList("select event_ref from intake_receipt where event_ref = any(?::text[])", String.class,
                (Object) references.toArray(String[]::new));
    }
}
