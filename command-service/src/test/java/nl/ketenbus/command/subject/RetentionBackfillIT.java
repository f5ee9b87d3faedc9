package nl.ketenbus.command.subject;

import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;

import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A youth recorded before the backbone kept retention deadlines (here: its deadline removed), with counted
 * facts or only its registration, gets its deadline planned by the backfill, which then marks itself done.
 */
class RetentionBackfillIT extends CommandServiceIntegrationTest {

    /** The scheduler keeps a deadline Java-serialised: its name and the youth appear as plain bytes. */
    private static final String OF_THE_YOUTH = "position(convert_to(?, 'UTF8') in task_data) > 0 "
            + "and position(convert_to('retention', 'UTF8') in task_data) > 0";

    @Autowired
    RetentionBackfill backfill;

    @Test
    void plansTheRetentionDeadlineOfAnEarlierYouthOnce() throws Exception {
        IntakeClient intake = new IntakeClient(port);
        String youth = intake.registerNewYouth();
        intake.post(signalRaised(youth, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"));
        assertThat(retentionDeadlinesOf(youth)).as("a new fact plans its own").isEqualTo(1);
        jdbc.update("delete from scheduled_tasks where " + OF_THE_YOUTH, youth);
        jdbc.update("update retention_backfill set done_at = null, last_youth = ''");

        int planned = backfill.run();

        assertThat(planned).isPositive();
        assertThat(retentionDeadlinesOf(youth)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select done_at is not null from retention_backfill", Boolean.class)).isTrue();
        assertThat(backfill.run()).as("done once").isZero();
    }

    @Test
    void plansTheIdentitysDeadlineOfAnEarlierYouthWithoutCountedFacts() throws Exception {
        String youth = new IntakeClient(port).registerNewYouth();
        assertThat(retentionDeadlinesOf(youth)).as("the registration plans its own").isEqualTo(1);
        jdbc.update("delete from scheduled_tasks where " + OF_THE_YOUTH, youth);
        jdbc.update("update retention_backfill set done_at = null, last_youth = ''");

        backfill.run();

        assertThat(retentionDeadlinesOf(youth)).isEqualTo(1);
    }

    private long retentionDeadlinesOf(String youth) {
        return jdbc.queryForObject("select count(*) from scheduled_tasks where " + OF_THE_YOUTH, Long.class, youth);
    }
}
