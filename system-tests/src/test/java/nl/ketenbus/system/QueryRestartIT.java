package nl.ketenbus.system;

import static nl.ketenbus.system.Backbone.identifyNewYouth;
import static nl.ketenbus.system.Backbone.metric;
import static nl.ketenbus.system.Backbone.publish;
import static nl.ketenbus.system.Backbone.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import nl.ketenbus.devinfra.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * The query side crashes (SIGKILL) in the middle of a stream and is started again: every event ends
 * up on the timeline exactly once, and the new process resumes from the position stored with the
 * read model instead of re-reading the topic, within seconds of being ready (the consumer group's
 * session timeout, ADR 0011).
 */
class QueryRestartIT {

    private static final int SUBJECTS = 5;
    private static final int SIGNALS = 300;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** Small batches, so that the crash falls mid-stream; the group's session timeout is the shipped one. */
    private static final String SMALL_BATCHES = "spring.kafka.consumer.max-poll-records=5";
    /** Well under Kafka's default 45 s session, which a killed consumer used to hold its partitions for. */
    private static final Duration RESUMES_WITHIN = Duration.ofSeconds(20);

    @Test
    void everyEventIsOnTheTimelineExactlyOnceAfterACrashMidStream() throws Exception {
        Backbone backbone = new Backbone();
        try (ServiceProcess command = backbone.startCommandService()) {
            List<String> subjects = new ArrayList<>();
            for (int i = 0; i < SUBJECTS; i++) {
                subjects.add(identifyNewYouth(command));
            }
            // The second half of the stream waits for the crash, so that the crash falls mid-stream however
            // fast this machine projects the first half (a fast run had projected all 305 before it).
            CountDownLatch crashed = new CountDownLatch(1);
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                publishSignals(command, subjects, 0, SIGNALS / 2);
                awaitQuietly(crashed);
                publishSignals(command, subjects, SIGNALS / 2, SIGNALS);
            });

            ServiceProcess first = backbone.startQueryService(SMALL_BATCHES);
            await().atMost(PATIENCE).until(() -> timelineEntries(backbone) >= 40);
            first.kill();
            long projectedBeforeCrash = timelineEntries(backbone);
            crashed.countDown();

            try (ServiceProcess second = backbone.startQueryService(SMALL_BATCHES)) {
                // The restarted node takes the partitions over as soon as the killed one's session ends.
                Instant ready = Instant.now();
                await().atMost(RESUMES_WITHIN).until(() -> timelineEntries(backbone) > projectedBeforeCrash);
                Duration resumed = Duration.between(ready, Instant.now());
                stream.get();
                long total = SUBJECTS + SIGNALS;
                await().atMost(PATIENCE).until(() -> timelineEntries(backbone) >= total);

                assertThat(projectedBeforeCrash).as("crashed mid-stream").isLessThan(total);
                assertThat(timelineEntries(backbone)).isEqualTo(total);
                assertThat(metric(second, "ketenbus.projection.records", "outcome:applied"))
                        .isEqualTo((double) (total - projectedBeforeCrash));
                assertThat(metric(second, "ketenbus.projection.records", "outcome:duplicate")).isZero();
                assertThat(metric(second, "ketenbus.projection.records", "outcome:redelivered")).isZero();
                System.out.printf("query node crash: projected %d of %d, none twice, resumed %.1f s after the restarted "
                        + "node was ready%n", timelineEntries(backbone), total, resumed.toMillis() / 1000.0);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the first query node was not killed in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void publishSignals(ServiceProcess command, List<String> subjects, int from, int to) {
        try {
            for (int i = from; i < to; i++) {
                String day = "2026-02-%02dT10:00:00+01:00".formatted(1 + i % 28);
                int status = publish(command, signalRaised(subjects.get(i % SUBJECTS), "politie", day, "BEZIT",
                        "MULTIPLE_PHONES")).statusCode();
                if (status != 202) {
                    throw new IllegalStateException("Signal " + i + " answered " + status);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long timelineEntries(Backbone backbone) throws SQLException {
        return backbone.queryRows("timeline_entry");
    }
}
