package nl.ketenbus.query.covenant;

import static nl.ketenbus.query.support.BackboneRecords.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.audience.GenerationBuilder;
import nl.ketenbus.query.audience.Generations;
import nl.ketenbus.query.support.BackboneRecords;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Several builders of one read-model generation, as two query nodes are when both start with a new
 * covenant or one restarts during a build: each youth is decided once, the generation is swapped in
 * once, when no claimed chunk is left, and by whichever builder finishes it.
 */
@SpringBootTest
class GenerationBuildersIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.builders");
    private static final int YOUTHS = 60;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
        // Small chunks and one worker each: the builders' claims interleave.
        registry.add("ketenbus.replay.chunk-subjects", () -> 2);
        registry.add("ketenbus.replay.workers", () -> 1);
    }

    @Autowired
    Generations generations;

    @Autowired
    GenerationBuilder builder;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void twoBuildersDecideEachYouthOnceAndSwapTheGenerationInOnce() throws Exception {
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            for (int i = 0; i < YOUTHS; i++) {
                records.send(signalRaised("bld-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16),
                        "leerplicht", OffsetDateTime.parse("2026-03-14T10:00:00+01:00")));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> youthsProjected() == YOUTHS);
        String version2 = CovenantLoader.documentAt("").replace("\nversion: 1\n", "\nversion: 2\n");
        int generation = generations.create("test", version2).generation();

        // The second builder comes while the first holds claims, as a node that starts mid-build does:
        // the first one's claims must not look like a crashed node's leftovers to it.
        CompletableFuture<Void> first = CompletableFuture.runAsync(builder::runPending);
        await().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(30)).until(() -> claims() > 0);
        CompletableFuture<Void> second = CompletableFuture.runAsync(builder::runPending);
        CompletableFuture.allOf(first, second).get();

        Generations.Status built = generations.all().stream().filter(status -> status.generation() == generation)
                .findFirst().orElseThrow();
        assertThat(built.state().name()).as("built, waiting for its change's approval").isEqualTo("READY");
        assertThat(built.subjectsDone()).as("each youth decided once").isEqualTo(YOUTHS);
        assertThat(claims()).isZero();
        assertThat(generations.all()).filteredOn(status -> status.state().name().equals("ACTIVE")).hasSize(1);
    }

    private long claims() {
        return jdbc.queryForObject("select count(*) from generation_chunk", Long.class);
    }

    private long youthsProjected() {
        return jdbc.queryForObject("select count(distinct subject_ref) from timeline_entry where subject_ref like 'bld-%'",
                Long.class);
    }
}
