package nl.ketenbus.command.intake;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import nl.ketenbus.command.identity.SubjectPseudonyms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Converts the intake receipts written before Flyway V25, which keep the partner's own event id, to
 * the keyed reference the receipts keep since (V25 says why). Runs while the service starts, before
 * the intake's listeners and its HTTP port do (they start after every bean is made, and
 * {@link IntakeReceipts} is made after this): a resend of an event received before the upgrade is
 * found as the duplicate it is. Batches in their own transactions, each row's id cleared in the
 * update that sets its reference; a start cut off halfway continues at the next one, and two nodes
 * starting together convert each row once (the second finds it converted).
 */
@Component
class LegacyReceiptIds {

    private static final Logger log = LoggerFactory.getLogger(LegacyReceiptIds.class);
    private static final int BATCH = 5_000;

    private final JdbcTemplate jdbc;
    private final SubjectPseudonyms keyed;

    LegacyReceiptIds(JdbcTemplate jdbc, SubjectPseudonyms keyed) {
        this.jdbc = jdbc;
        this.keyed = keyed;
    }

    @PostConstruct
    void convertAtStart() {
        long converted = convert();
        if (converted > 0) {
            log.info("Converted {} intake receipts from the partners' event ids to their keyed references", converted);
        }
    }

    /** Converts every receipt that still keeps a partner's id; returns how many this call converted. */
    long convert() {
        long converted = 0;
        int found;
        do {
            List<String> sources = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            jdbc.query("select source, event_id from intake_receipt where event_id is not null limit " + BATCH, row -> {
                sources.add(row.getString(1));
                ids.add(row.getString(2));
            });
            found = ids.size();
            String[] references = new String[found];
            for (int row = 0; row < found; row++) {
                references[row] = keyed.partnerEventRefOf(sources.get(row), ids.get(row));
            }
            converted += jdbc.update("update intake_receipt r set event_ref = k.event_ref, event_id = null "
                            + "from unnest(?::varchar[], ?::varchar[], ?::varchar[]) as k(source, event_id, event_ref) "
                            + "where r.source = k.source and r.event_id = k.event_id",
                    sources.toArray(String[]::new), ids.toArray(String[]::new), references);
        } while (found == BATCH);
        return converted;
    }
}
