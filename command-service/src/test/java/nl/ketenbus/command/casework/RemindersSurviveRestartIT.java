package nl.ketenbus.command.casework;

import static nl.ketenbus.command.support.CaseworkClient.caseDirector;
import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import nl.ketenbus.command.support.CaseworkClient;
import nl.ketenbus.command.support.CommandServiceInfrastructure;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.ServiceSettings;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A reminder scheduled before a restart still comes after it: the deadline lives in PostgreSQL
 * (db-scheduler), not in the memory of the node that scheduled it.
 */
class RemindersSurviveRestartIT {

    private static final Duration INTERVAL = Duration.ofSeconds(12);

    @Test
    void aConferenceReminderScheduledBeforeARestartComesAfterIt() throws Exception {
        ServiceSettings settings = ServiceSettings.forTests("command");
        String topic = Kafka.forTests().freshTopic("ketenbus.events.test");
        String youth;
        try (ConfigurableApplicationContext first = start(settings, topic)) {
            int port = port(first);
            IntakeClient intake = new IntakeClient(port);
            youth = intake.registerNewYouth();
            intake.post(signalRaised(youth, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"));
            intake.post(signalRaised(youth, "urn:ketenbus:org:leerplicht", "OVERIG", "TRUANCY_OR_FALLING_GRADES"));
            assertThat(new CaseworkClient(port).post("/v1/subjects/" + youth + "/cases", "{\"caseId\":\"case-r1\"}",
                    caseDirector()).statusCode()).isEqualTo(201);
            assertThat(pendingDeadlines(first)).isEqualTo(1);
        }
        // The first node is gone before the reminder is due; it left only the row behind.

        try (ConfigurableApplicationContext second = start(settings, topic)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> reminders(jdbc, youth) == 1);
            assertThat(jdbc.queryForObject("select convert_from(payload, 'UTF8')::json->>'reminder' from "
                    + "domain_event_entry where aggregate_identifier = ? and payload_type like '%CaseReminderRaised'",
                    String.class, youth)).isEqualTo("CONFERENCE_OVERDUE");
            // db-scheduler removes the executed deadline just after the handler's transaction commits.
            await().atMost(Duration.ofSeconds(10)).until(() -> pendingDeadlines(second) == 0);
        }
    }

    private static long reminders(JdbcTemplate jdbc, String youth) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type like '%CaseReminderRaised'", Long.class, youth);
    }

    /** Conference reminders waiting; the birthdays the registration planned lie years ahead and are not counted. */
    private static long pendingDeadlines(ConfigurableApplicationContext service) {
        return service.getBean(JdbcTemplate.class).queryForObject(
                "select count(*) from scheduled_tasks where execution_time < now() + interval '1 hour'", Long.class);
    }

    private static int port(ConfigurableApplicationContext service) {
        return CommandServiceInfrastructure.port(service);
    }

    private static ConfigurableApplicationContext start(ServiceSettings settings, String topic) {
        return CommandServiceInfrastructure.start(settings, topic,
                "ketenbus.casework.conference-interval=" + INTERVAL, "db-scheduler.polling-interval=1s");
    }
}
