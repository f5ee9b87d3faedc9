package nl.ketenbus.command.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import nl.ketenbus.command.support.CommandServiceInfrastructure;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.devinfra.ServiceSettings;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A youth about whom nothing was recorded for the covenant's identity period is forgotten by its retention
 * deadline, fired by the real scheduler: the erasure the deadline's handler decides commits, although the
 * deadline being run is one of the youth's that the erasure cancels.
 */
class IdentityRetentionIT {

    private static final MovableClock CLOCK = MovableClock.SHARED;

    @Test
    void aYouthNothingWasRecordedAboutForTheIdentitysPeriodIsErasedByItsDeadline() throws Exception {
        try (ConfigurableApplicationContext service = CommandServiceInfrastructure.start(
                ServiceSettings.forTests("command"), CommandServiceInfrastructure.freshTopic(),
                new Class<?>[] {MovableClock.MovedTime.class}, "db-scheduler.polling-interval=1s")) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            String youth = new IntakeClient(CommandServiceInfrastructure.port(service)).registerNewYouth();

            // Decades later by the service's clock (past every period of the covenant), and the youth's
            // retention deadline due now by the scheduler's.
            CLOCK.offset = Duration.ofDays(365L * 40);
            int due = jdbc.update("update scheduled_tasks set execution_time = now() where task_instance in "
                    + "(select schedule_id from deadline_scope where deadline_name = 'retention' "
                    + "and position(convert_to(?, 'UTF8') in scope) > 0)", youth);
            assertThat(due).as("the youth's retention deadline").isEqualTo(1);

            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForList("select ground from erasure_proof "
                    + "where subject_ref = ?", String.class, youth).contains("RETENTION_ENDED"));
            assertThat(jdbc.queryForObject("select count(*) from subject_key where subject_ref = ? "
                    + "and wrapped_key is not null", Integer.class, youth)).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("select count(*) from "
                    + "scheduled_tasks where task_instance in (select schedule_id from deadline_scope where "
                    + "position(convert_to(?, 'UTF8') in scope) > 0)", Integer.class, youth) == 0);
        } finally {
            CLOCK.offset = Duration.ZERO;
        }
    }
}
