package nl.ketenbus.command.subject;

import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import nl.ketenbus.command.covenant.CovenantInForce;
import nl.ketenbus.command.subject.domain.PlanRetention;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.covenant.CovenantLoader;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A youth recorded before the backbone kept retention deadlines (here: its deadline removed), with counted
 * facts or only its registration, gets its deadline planned by the backfill, which then marks itself done.
 */
class RetentionBackfillIT extends CommandServiceIntegrationTest {

    /** The scheduler keeps a deadline Java-serialised: its name and the youth appear as plain bytes. */
    private static final String OF_THE_YOUTH = "position(convert_to(?, 'UTF8') in task_data) > 0 "
            + "and position(convert_to('retention', 'UTF8') in task_data) > 0";

    private static final long PATIENCE_SECONDS = 60;
    private static final String REFERENCE = CovenantLoader.documentAt("");
    /** Version 2: a signal is kept half a year instead of a year. */
    private static final String SIGNALS_HALF_A_YEAR = REFERENCE.replace("\nversion: 1\n", "\nversion: 2\n")
            .replace("{ category: SIGNAL, period: P1Y,", "{ category: SIGNAL, period: P6M,");

    @Autowired
    RetentionBackfill backfill;

    @Autowired
    CommandGateway commands;

    @Autowired
    CovenantInForce covenant;

    @Test
    void plansTheRetentionDeadlineOfAnEarlierYouthOnce() throws Exception {
        IntakeClient intake = new IntakeClient(port);
        String youth = intake.registerNewYouth();
        intake.post(signalRaised(youth, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"));
        assertThat(retentionDeadlinesOf(youth)).as("a new fact plans its own").isEqualTo(1);
        jdbc.update("delete from scheduled_tasks where " + OF_THE_YOUTH, youth);
        jdbc.update("update retention_backfill set done_at = null, last_youth = ''");

        int planned = backfill.run();

        assertThat(planned).isPositive();
        assertThat(retentionDeadlinesOf(youth)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select done_at is not null from retention_backfill", Boolean.class)).isTrue();
        assertThat(backfill.run()).as("done once").isZero();
    }

    @Test
    void plansTheIdentitysDeadlineOfAnEarlierYouthWithoutCountedFacts() throws Exception {
        String youth = new IntakeClient(port).registerNewYouth();
        assertThat(retentionDeadlinesOf(youth)).as("the registration plans its own").isEqualTo(1);
        jdbc.update("delete from scheduled_tasks where " + OF_THE_YOUTH, youth);
        jdbc.update("update retention_backfill set done_at = null, last_youth = ''");

        backfill.run();

        assertThat(retentionDeadlinesOf(youth)).isEqualTo(1);
    }

    /**
     * Another node's covenant switch while this node plans a batch: the switch's reset starts a new round, so the
     * youths this node planned under the old periods before it are planned again; the batch's cursor does not
     * write over the reset (it did, and the shortened period never reached the youths planned before).
     */
    @Test
    void aSwitchWhileABatchIsPlannedStartsTheRoundAgain() throws Exception {
        IntakeClient intake = new IntakeClient(port);
        // Two youths, so that the batch from the first of them holds a second to pause at.
        List<String> youths = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            youths.add(intake.registerNewYouth());
            intake.post(signalRaised(youths.get(i), "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"));
        }
        String youth = youths.stream().min(String::compareTo).orElseThrow();
        String before = jdbc.queryForObject("select coalesce(max(aggregate_identifier), '') from domain_event_entry "
                + "where aggregate_identifier < ?", String.class, youth);
        jdbc.update("update retention_backfill set done_at = null, last_youth = ?", before);
        CountDownLatch secondPlan = new CountDownLatch(1);
        CountDownLatch switched = new CountDownLatch(1);
        AtomicInteger plans = new AtomicInteger();
        CommandGateway paused = (CommandGateway) Proxy.newProxyInstance(CommandGateway.class.getClassLoader(),
                new Class<?>[] {CommandGateway.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("sendAndWait") && plans.incrementAndGet() == 2) {
                        secondPlan.countDown();
                        switched.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
                    }
                    return method.invoke(commands, arguments);
                });
        ExecutorService node = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> run = node.submit(() -> new RetentionBackfill(jdbc, paused).run());
            // The youth was planned first, under the reference covenant's year for a signal.
            assertThat(secondPlan.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(retentionDeadlineWithin(youth, "7 months")).isFalse();

            covenant.switchTo(SIGNALS_HALF_A_YEAR, sha256(REFERENCE), "test: signals half a year");
            switched.countDown();
            run.get(PATIENCE_SECONDS, TimeUnit.SECONDS);

            assertThat(retentionDeadlineWithin(youth, "7 months")).as("planned again under the new period").isTrue();
            assertThat(jdbc.queryForObject("select done_at is not null from retention_backfill", Boolean.class))
                    .isTrue();
        } finally {
            switched.countDown();
            node.shutdownNow();
            covenant.switchTo(REFERENCE, sha256(covenantInForce()), "test: the reference again");
            jdbc.update("update retention_backfill set done_at = now()");
        }
    }

    /**
     * A deadline planned on a node that has not yet read another node's switch (its refresh lags by up to 30 s) is
     * planned under the covenant in force at its commit, not the one the node read last.
     */
    @Test
    void aDeadlineIsPlannedUnderTheCovenantInForceNotTheOneThisNodeReadLast() throws Exception {
        IntakeClient intake = new IntakeClient(port);
        String youth = intake.registerNewYouth();
        intake.post(signalRaised(youth, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"));
        assertThat(retentionDeadlineWithin(youth, "7 months")).isFalse();
        try {
            // Another node's switch: in force in the database, not yet read by this node.
            jdbc.update("update covenant_in_force set covenant_version = 2, covenant_document = ?, "
                    + "covenant_sha256 = ?", SIGNALS_HALF_A_YEAR, sha256(SIGNALS_HALF_A_YEAR));

            commands.sendAndWait(new PlanRetention(youth));

            assertThat(retentionDeadlineWithin(youth, "7 months")).isTrue();
        } finally {
            covenant.switchTo(REFERENCE, sha256(covenantInForce()), "test: the reference again");
            jdbc.update("update retention_backfill set done_at = now()");
        }
    }

    private static String sha256(String document) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(document.getBytes(StandardCharsets.UTF_8)));
    }

    private String covenantInForce() {
        return jdbc.queryForObject("select covenant_document from covenant_in_force", String.class);
    }

    /** Whether the youth's retention deadline falls within the interval from now. */
    private boolean retentionDeadlineWithin(String youth, String interval) {
        return jdbc.queryForObject("select bool_and(execution_time < now() + ?::interval) from scheduled_tasks "
                + "where " + OF_THE_YOUTH, Boolean.class, interval, youth);
    }

    private long retentionDeadlinesOf(String youth) {
        return jdbc.queryForObject("select count(*) from scheduled_tasks where " + OF_THE_YOUTH, Long.class, youth);
    }
}
