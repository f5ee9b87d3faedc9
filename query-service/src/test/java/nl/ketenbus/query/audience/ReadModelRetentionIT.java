package nl.ketenbus.query.audience;

import static nl.ketenbus.query.support.BackboneRecords.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
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
 * Retention in the read models (ADR 0016) against PostgreSQL and a real broker: the time-based pass
 * removes what its category's period let expire (a signal after the covenant's year, never later
 * than two; assessments after two years), keeps identity and recent facts, and takes a youth whose
 * match and proposal expired off the agenda, so the meeting no longer sees who it is; the backbone's
 * FactsExpired removes exactly the facts it names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadModelRetentionIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.test");
    private static final OffsetDateTime NOW = OffsetDateTime.now();
    private static final String SEALED = "{\"algorithm\":\"AES-256-GCM\",\"keyVersion\":1,\"nonce\":\"bm9uY2U=\","
            + "\"ciphertext\":\"Y2lwaGVy\"}";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReadModelRetention retention;

    @Autowired
    MeterRegistry meters;

    @Test
    void removesWhatExpiredKeepsTheRestAndTakesTheYouthOffTheAgenda() {
        String youth = "sr-retention-" + UUID.randomUUID().toString().substring(0, 8);
        CloudEvent oldSignal = signal(youth, "pol-old", NOW.minusYears(1).minusDays(1));
        CloudEvent newSignal = signal(youth, "pol-new", NOW.minusDays(3));
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            records.send(event(youth, "politie", "nl.ketenbus.subject.registered.v2", "{\"subjectRef\":\"" + youth
                    + "\",\"familyName\":" + SEALED + ",\"dateOfBirth\":" + SEALED + "}", NOW.minusMonths(30),
                    NOW.minusMonths(30)));
            records.send(oldSignal);
            records.send(newSignal);
            records.send(event(youth, "gemeente", "nl.ketenbus.assessment.target-group-assessed.v1", "{\"subjectRef\":\""
                    + youth + "\",\"outcome\":\"CRIMINELE_AANWAS\",\"referenceDate\":\"2023-03-16\","
                    + "\"ageOnReferenceDate\":15,\"opiumActAntecedents\":0,\"riskIndicators\":2}",
                    NOW.minusYears(2).minusDays(1), NOW.minusYears(2).minusDays(1)));
            awaitTimeline(youth, 4);
        }
        assertThat(meetingSeesWhoTheYouthIs(youth)).as("proposed: on the agenda").isTrue();

        ReadModelRetention.Pass pass = retention.run(Instant.now());

        assertThat(pass.timelineEntries()).isGreaterThanOrEqualTo(2);
        assertThat(timeline(youth)).containsExactlyInAnyOrder("nl.ketenbus.subject.registered.v2",
                "nl.ketenbus.signal.raised.v1");
        assertThat(jdbc.queryForObject("select count(*) from audience_entry where event_id in (?, ?)", Long.class,
                oldSignal.getId(), "none")).isZero();
        assertThat(jdbc.queryForObject("select count(*) from audience_entry where event_id = ?", Long.class,
                newSignal.getId())).isPositive();
        assertThat(meetingSeesWhoTheYouthIs(youth)).as("the proposal expired: off the agenda").isFalse();
        assertThat(retention.run(Instant.now()).timelineEntries()).as("a second pass finds nothing").isZero();
        assertThat(meters.get("ketenbus.retention.removed").tag("entries", "timeline").counter().count())
                .isGreaterThanOrEqualTo(pass.timelineEntries());
        assertThat(meters.get("ketenbus.retention.last-completed").gauge().value())
                .isCloseTo(Instant.now().getEpochSecond(), Offset.offset(60.0));

        // The backbone's own record of expired facts removes exactly those.
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            records.send(event(youth, "gemeente", "nl.ketenbus.retention.facts-expired.v1", "{\"subjectRef\":\""
                    + youth + "\",\"eventIds\":[\"" + newSignal.getId() + "\"],\"expiredOn\":\"2026-11-30\"}", NOW));
        }
        awaitTimeline(youth, 1);
        assertThat(timeline(youth)).containsExactly("nl.ketenbus.subject.registered.v2");
        assertThat(jdbc.queryForObject("select count(*) from audience_entry where event_id = ?", Long.class,
                newSignal.getId())).isZero();
    }

    /** A partner's fact that arrived long after it was made (its history, imported) goes by the day it was made. */
    @Test
    void removesAFactThatArrivedLateByTheDayItWasMade() {
        String youth = "sr-retention-" + UUID.randomUUID().toString().substring(0, 8);
        CloudEvent imported = event(youth, "politie", "nl.ketenbus.signal.raised.v1", "{\"subjectRef\":\"" + youth
                + "\",\"signalId\":\"pol-imported\",\"category\":\"BEZIT\",\"indicator\":\"MULTIPLE_PHONES\","
                + "\"observedOn\":\"2023-03-14\"}", NOW.minusYears(1).minusDays(1), NOW.minusDays(2));
        CloudEvent recent = signal(youth, "pol-recent", NOW.minusDays(3));
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            records.send(imported);
            records.send(recent);
            awaitTimeline(youth, 2);
        }

        retention.run(Instant.now());

        assertThat(jdbc.queryForList("select event_id from timeline_entry where subject_ref = ?", String.class, youth))
                .containsExactly(recent.getId());
        assertThat(jdbc.queryForObject("select count(*) from audience_entry where event_id = ?", Long.class,
                imported.getId())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from audience_entry where event_id = ?", Long.class,
                recent.getId())).isPositive();
    }

    @Test
    void doesNotPutAYouthErasedDuringThePassBackOnTheAgenda() {
        String youth = "sr-retention-" + UUID.randomUUID().toString().substring(0, 8);
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            records.send(event(youth, "gemeente", "nl.ketenbus.assessment.target-group-assessed.v1", "{\"subjectRef\":\""
                    + youth + "\",\"outcome\":\"CRIMINELE_AANWAS\",\"referenceDate\":\"2023-03-16\","
                    + "\"ageOnReferenceDate\":15,\"opiumActAntecedents\":0,\"riskIndicators\":2}",
                    NOW.minusYears(2).minusDays(1), NOW.minusYears(2).minusDays(1)));
            awaitTimeline(youth, 1);
        }
        // The youth's erasure as it stands while the pass still holds the rows it read: the standing gone,
        // the youth registered as erased.
        jdbc.update("delete from agenda_standing where subject_ref = ?", youth);
        jdbc.update("insert into erased_subject (subject_ref, erased_at) values (?, now())", youth);

        retention.run(Instant.now());

        assertThat(jdbc.queryForObject("select count(*) from agenda_standing where subject_ref = ?", Long.class, youth))
                .isZero();
    }

    @Test
    void aPassAfterOneThatStoppedTakesTheYouthOffTheAgendaAllTheSame() {
        String youth = "sr-retention-" + UUID.randomUUID().toString().substring(0, 8);
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            records.send(event(youth, "gemeente", "nl.ketenbus.assessment.target-group-assessed.v1", "{\"subjectRef\":\""
                    + youth + "\",\"outcome\":\"CRIMINELE_AANWAS\",\"referenceDate\":\"2026-03-16\","
                    + "\"ageOnReferenceDate\":15,\"opiumActAntecedents\":0,\"riskIndicators\":2}", NOW.minusDays(3),
                    NOW.minusDays(3)));
            awaitTimeline(youth, 1);
        }
        assertThat(proposed(youth)).isTrue();
        // A pass that removed the assessment and stopped before it decided the youth's standing again.
        jdbc.update("delete from timeline_entry where subject_ref = ?", youth);

        retention.run(Instant.now());

        assertThat(proposed(youth)).isFalse();
    }

    private boolean proposed(String youth) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select proposed from agenda_standing where subject_ref = ?",
                Boolean.class, youth));
    }

    private static CloudEvent signal(String youth, String signalId, OffsetDateTime recordedAt) {
        return event(youth, "politie", "nl.ketenbus.signal.raised.v1", "{\"subjectRef\":\"" + youth
                + "\",\"signalId\":\"" + signalId + "\",\"category\":\"BEZIT\",\"indicator\":\"MULTIPLE_PHONES\","
                + "\"observedOn\":\"2023-03-14\"}", recordedAt, recordedAt);
    }

    private void awaitTimeline(String youth, int entries) {
        await().atMost(Duration.ofSeconds(60)).until(() -> timeline(youth).size() == entries);
    }

    private List<String> timeline(String youth) {
        return jdbc.queryForList("select event_type from timeline_entry where subject_ref = ?", String.class, youth);
    }

    private boolean meetingSeesWhoTheYouthIs(String youth) {
        return jdbc.queryForObject("select count(*) from audience_entry where subject_ref = ? and rule_id = 'AGD-07'",
                Long.class, youth) > 0;
    }
}
