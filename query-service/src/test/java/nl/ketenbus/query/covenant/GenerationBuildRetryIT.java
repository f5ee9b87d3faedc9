package nl.ketenbus.query.covenant;

import static nl.ketenbus.query.support.BackboneRecords.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.devinfra.FreezablePath;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.Postgres;
import nl.ketenbus.query.audience.GenerationBuilder;
import nl.ketenbus.query.audience.Generations;
import nl.ketenbus.query.support.BackboneRecords;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A read-model build the database stops mid-way takes itself up again once the database answers, not only at the
 * next start or covenant load: a pending covenant change cannot be approved until its generation is built.
 */
@SpringBootTest(properties = {"ketenbus.replay.retry-after=1s", "ketenbus.replay.chunk-subjects=2",
        "ketenbus.replay.workers=1",
        // A statement waits at most three seconds here, not the backstop's two minutes: the frozen build fails soon.
        "spring.datasource.hikari.data-source-properties.socketTimeout=3"})
class GenerationBuildRetryIT {

    private static final FreezablePath PATH = FreezablePath.toServerOf(Postgres.forTests().jdbcUrl("query"));
    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.retry");
    private static final int YOUTHS = 20;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // Every statement's text is sent each time, so that the path can freeze after the build's first claim.
        QueryServiceInfrastructure.register(registry, TOPIC, url -> PATH.through(url) + "&prepareThreshold=0");
    }

    @Autowired
    Generations generations;

    @Autowired
    GenerationBuilder builder;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @AfterAll
    static void closePath() throws Exception {
        PATH.close();
    }

    @Test
    void aBuildStoppedByTheDatabaseResumesByItselfOnceItAnswers() throws Exception {
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            for (int i = 0; i < YOUTHS; i++) {
                records.send(signalRaised("rty-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16),
                        "leerplicht", OffsetDateTime.parse("2026-03-14T10:00:00+01:00")));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("select count(distinct subject_ref) "
                + "from timeline_entry where subject_ref like 'rty-%'", Long.class) == YOUTHS);
        String version2 = CovenantLoader.documentAt("").replace("\nversion: 1\n", "\nversion: 2\n");
        int generation = generations.create("test", version2).generation();

        PATH.freezeAfterSent("insert into generation_chunk");
        builder.startPending();
        boolean froze;
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> stopped() > 0);
        } finally {
            froze = PATH.frozen();
            PATH.freeze(false);
        }
        assertThat(froze).as("the path froze after the build's first claim").isTrue();
        assertThat(state(generation)).as("stopped mid-way").isEqualTo("BUILDING");

        // Nobody starts it again: no restart, no covenant load.
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(state(generation)));
        assertThat(generations.all()).filteredOn(status -> status.generation() == generation).singleElement()
                .satisfies(built -> assertThat(built.subjectsDone()).isEqualTo(YOUTHS));
    }

    private double stopped() {
        return meters.get("ketenbus.replay.stopped").counter().count();
    }

    private String state(int generation) {
        return generations.all().stream().filter(status -> status.generation() == generation).findFirst()
                .orElseThrow().state().name();
    }
}
