package nl.ketenbus.query.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.support.BackboneRecords;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Erasure requests on the query side without the command side: the gauges that say how many wait for a
 * second privacy officer and how long the oldest has (only open requests count, none waiting is zero, a
 * measurement the gauges then show), and an open request closed when its youth's erasure arrives from the
 * backbone (erased otherwise: its retention, the erasure register).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErasureRequestsIT {

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

    @Test
    void closesAnOpenRequestWhenItsYouthIsErasedOtherwise() throws Exception {
        String erased = request("PENDING", Instant.now().minus(Duration.ofDays(2)));
        String waiting = request("PENDING", Instant.now().minus(Duration.ofDays(1)));
        CloudEvent erasure = BackboneRecords.event(erased, "gemeente", "nl.ketenbus.subject.erased.v1",
                "{\"subjectRef\":\"" + erased + "\",\"ground\":\"RETENTION_ENDED\",\"erasedOn\":\"2026-12-06\"}",
                OffsetDateTime.now());
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            records.send(erasure);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> "CARRIED_OUT ketenbus".equals(jdbc.queryForObject(
                "select state || ' ' || decided_by from erasure_request where subject_ref = ?", String.class, erased)));
        assertThat(jdbc.queryForObject("select state from erasure_request where subject_ref = ?", String.class,
                waiting)).isEqualTo("PENDING");
    }

    /** A request about a new pseudonym; returns the pseudonym. */
    private String request(String state, Instant requestedAt) {
        boolean decided = !"PENDING".equals(state);
        String subjectRef = "sr-" + UUID.randomUUID().toString().replace("-", "");
        jdbc.update("insert into erasure_request (id, subject_ref, ground, requested_by, requested_at, state, decided_by, "
                        + "decided_at) values (?, ?, 'OBJECTION_UPHELD', 'privacy-officer-1', ?, ?, ?, ?)",
                UUID.randomUUID(), subjectRef, Timestamp.from(requestedAt), state, decided ? "privacy-officer-2" : null,
                decided ? Timestamp.from(requestedAt.plusSeconds(60)) : null);
        return subjectRef;
    }
}
