package nl.ketenbus.system;

import static nl.ketenbus.system.Backbone.identifyNewYouth;
import static nl.ketenbus.system.Backbone.publish;
import static nl.ketenbus.system.Backbone.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import nl.ketenbus.devinfra.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * A command node is killed (SIGKILL) in the middle of a load spread over two nodes; the client, as a
 * partner's system would, sends every unanswered event again (same id) to a node that answers. Every
 * acknowledged event is stored exactly once and reaches the read model exactly once; a retry of an
 * event stored just before the crash is answered as a duplicate, never stored twice.
 */
class CommandNodeCrashIT {

    private static final int YOUTHS = 4;
    private static final int EVENTS = 200;

    @Test
    void everyAcknowledgedEventIsStoredAndProjectedOnceAfterANodeIsKilled() throws Exception {
        Backbone backbone = new Backbone();
        try (ServiceProcess a = backbone.startCommandService();
             ServiceProcess b = backbone.startCommandService();
             ServiceProcess query = backbone.startQueryService()) {
            List<String> youths = new ArrayList<>();
            for (int i = 0; i < YOUTHS; i++) {
                youths.add(identifyNewYouth(b));
            }
            List<String> events = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                events.add(signalRaised(youths.get(i % YOUTHS), "politie",
                        "2026-03-%02dT10:00:00+01:00".formatted(1 + i % 28), "BEZIT", "MULTIPLE_PHONES"));
            }
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger retries = new AtomicInteger();
            CompletableFuture<List<Integer>> load = CompletableFuture.supplyAsync(() -> {
                List<Integer> answers = new ArrayList<>();
                for (int i = 0; i < EVENTS; i++) {
                    answers.add(untilAnswered(events.get(i), i % 2 == 0 ? a : b, b, retries));
                    sent.incrementAndGet();
                }
                return answers;
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= EVENTS / 3);
            a.kill();
            List<Integer> answers = load.get();

            assertThat(answers).as("every event acknowledged, as stored now or before").allMatch(
                    status -> status == 202 || status == 200);
            assertThat(storedSignals(backbone)).as("each stored once").isEqualTo(EVENTS);
            long projected = YOUTHS + EVENTS;
            await().atMost(Duration.ofSeconds(120)).until(() -> backbone.queryRows("timeline_entry") >= projected);
            assertThat(backbone.queryRows("timeline_entry")).as("each projected once").isEqualTo(projected);
            System.out.printf("command node crash: acknowledged %d, stored %d, projected %d, retried %d%n",
                    answers.size(), storedSignals(backbone), backbone.queryRows("timeline_entry") - YOUTHS,
                    retries.get());
        }
    }

    /** Sends until a node answers 202, 200 or a refusal; an unanswered or failed send goes to the survivor. */
    private static int untilAnswered(String event, ServiceProcess first, ServiceProcess survivor,
                                     AtomicInteger retries) {
        ServiceProcess node = first;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                HttpResponse<String> answer = publish(node, event);
                if (answer.statusCode() < 500) {
                    return answer.statusCode();
                }
            } catch (IOException nodeGone) {
                // The node died with the request in flight: send it again, elsewhere.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            retries.incrementAndGet();
            node = survivor;
        }
        throw new IllegalStateException("no node answered: " + event);
    }

    private static long storedSignals(Backbone backbone) throws Exception {
        try (Connection connection = backbone.commandSettings().postgres().connect(backbone.commandSettings().schema());
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from domain_event_entry "
                     + "where payload_type like '%.SignalRaised'")) {
            count.next();
            return count.getLong(1);
        }
    }
}
