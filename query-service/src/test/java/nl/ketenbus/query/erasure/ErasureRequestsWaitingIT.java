package nl.ketenbus.query.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gauges that say how many erasure requests wait for a second privacy officer and how long the
 * oldest has: only open requests count, none waiting is zero, and a measurement the gauges then show.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErasureRequestsWaitingIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.erasures");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ErasureRequestsWaiting waiting;

    @Autowired
    MeterRegistry meters;

    @Test
    void countsTheOpenRequestsAndTheOldestWait() {
        jdbc.update("delete from erasure_request");
        assertThat(waiting.measure()).isEqualTo(new ErasureRequestsWaiting.Waiting(0, 0));

        Instant now = Instant.now();
        request("PENDING", now.minus(Duration.ofDays(25)));
        request("PENDING", now.minus(Duration.ofHours(1)));
        request("CARRIED_OUT", now.minus(Duration.ofDays(60)));
        request("WITHDRAWN", now.minus(Duration.ofDays(40)));
        ErasureRequestsWaiting.Waiting measured = waiting.measure();

        assertThat(measured.open()).isEqualTo(2);
        assertThat(measured.oldestSeconds()).isCloseTo(Duration.ofDays(25).toSeconds(), Offset.offset(120L));
        assertThat(meters.get("ketenbus.erasure.requests.open").gauge().value()).isEqualTo(2.0);
        assertThat(meters.get("ketenbus.erasure.requests.oldest.seconds").gauge().value())
                .isEqualTo((double) measured.oldestSeconds());
    }

    private void request(String state, Instant requestedAt) {
        boolean decided = !"PENDING".equals(state);
        jdbc.update("insert into erasure_request (id, subject_ref, ground, requested_by, requested_at, state, decided_by, "
                        + "decided_at) values (?, ?, 'OBJECTION_UPHELD', 'privacy-officer-1', ?, ?, ?, ?)",
                UUID.randomUUID(), "sr-" + UUID.randomUUID().toString().replace("-", ""), Timestamp.from(requestedAt),
                state, decided ? "privacy-officer-2" : null, decided ? Timestamp.from(requestedAt.plusSeconds(60)) : null);
    }
}
