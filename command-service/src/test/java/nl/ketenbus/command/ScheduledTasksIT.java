package nl.ketenbus.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import nl.ketenbus.command.subject.domain.EraseSubject;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.events.subject.ErasureGround;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service's scheduled tasks do not wait for one another: while the event store's purge waits (here
 * for its advisory lock, held by the test, as it would for another node's purge or a slow database), an
 * erasure still reaches the erasure register within seconds. With one scheduler thread for all tasks, the
 * register's send waited behind the purge for as long as the purge took.
 */
class ScheduledTasksIT extends CommandServiceIntegrationTest {

    @DynamicPropertySource
    static void tasksEverySecond(DynamicPropertyRegistry registry) {
        registry.add("ketenbus.retention.store-purge-cron", () -> "* * * * * *");
        registry.add("ketenbus.erasure-register.send-interval", () -> "PT1S");
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    CommandGateway commands;

    @Test
    void anErasureIsRegisteredWhileTheStorePurgeWaits() throws Exception {
        String youth = new IntakeClient(port).registerNewYouth();
        try (Connection holder = dataSource.getConnection(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("select pg_advisory_xact_lock(27490, 21)");
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from pg_stat_activity "
                    + "where wait_event_type = 'Lock' and wait_event = 'advisory' and query like '%27490, 21%'",
                    Long.class) > 0);

            commands.sendAndWait(new EraseSubject(youth, ErasureGround.OBJECTION_UPHELD, "gemeente-privacy-officer"));

            await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject("select registered_at is not null "
                    + "from erasure_proof where subject_ref = ?", Boolean.class, youth));
            assertThat(jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                    + "and wait_event = 'advisory' and query like '%27490, 21%'", Long.class))
                    .as("the purge still waits").isPositive();
            holder.rollback();
        }
    }
}
