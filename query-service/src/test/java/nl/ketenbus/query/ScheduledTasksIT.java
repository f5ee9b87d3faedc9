package nl.ketenbus.query;

import static nl.ketenbus.query.support.BackboneRecords.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import javax.sql.DataSource;

import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.support.BackboneRecords;
import nl.ketenbus.query.support.QueryApi;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service's scheduled tasks do not wait for one another: while the access log's purge waits (here
 * for its advisory lock, held by the test, as it would for another node's purge or a slow database), the
 * reads go on being vouched for by signed checkpoints. With one scheduler thread for all tasks, no
 * checkpoint was signed for as long as the purge took.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ketenbus.audit.purge-cron=* * * * * *", "ketenbus.audit.checkpoint-interval=PT1S"})
class ScheduledTasksIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.scheduled");
    private static final String POLICE = QueryApi.token("politie", "professional");
    private static final String PURGE_WAITS = "select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
            + "and wait_event = 'advisory' and query like '%27490, 20%'";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void aReadIsVouchedForWhileTheAccessLogPurgeWaits() throws Exception {
        String youth = "scheduled-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String path = "/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg";
        try (Connection holder = dataSource.getConnection(); Statement statement = holder.createStatement();
             BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            holder.setAutoCommit(false);
            statement.execute("select pg_advisory_xact_lock(27490, 20)");
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(PURGE_WAITS, Long.class) > 0);

            records.send(signalRaised(youth, "jongerenwerk", OffsetDateTime.parse("2026-03-14T10:00:00+01:00")));
            await().atMost(Duration.ofSeconds(30)).until(() -> new QueryApi(port).get(path, POLICE).body()
                    .path("totalEntries").asInt() == 1);
            long read = jdbc.queryForObject("select max(seq) from access_log where subject_ref = ?", Long.class, youth);

            await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject("select count(*) from "
                    + "access_log_checkpoint where seq >= ?", Long.class, read) > 0);
            assertThat(jdbc.queryForObject(PURGE_WAITS, Long.class)).as("the purge still waits").isPositive();
            holder.rollback();
        }
    }
}
