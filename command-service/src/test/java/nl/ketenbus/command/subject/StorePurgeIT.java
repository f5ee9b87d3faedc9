package nl.ketenbus.command.subject;

import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;

import nl.ketenbus.command.subject.domain.EraseSubject;
import nl.ketenbus.command.support.CommandServiceInfrastructure;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.PartnerEvents;
import nl.ketenbus.devinfra.ServiceSettings;
import nl.ketenbus.events.assessment.SignalsMatched;
import nl.ketenbus.events.halt.HaltReferralMade;
import nl.ketenbus.events.retention.FactsExpired;
import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.signal.SignalWithdrawn;
import nl.ketenbus.events.subject.ErasureGround;
import nl.ketenbus.events.subject.SubjectErased;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event store forgets (ADR 0024): after the archive term (five years) an erased youth's stream is cut
 * down to its erasure and the facts a retention deadline expired are removed; not before. A node started
 * afterwards on what is left still refuses facts about the erased youth and decides about the living
 * one without its removed fact.
 */
class StorePurgeIT {

    private static final MovableClock CLOCK = MovableClock.SHARED;
    private static final Duration ARCHIVE_AND_MORE = Duration.ofDays(365L * 5 + 3);

    @Test
    void erasedStreamsAndExpiredFactsLeaveTheStoreAfterTheArchiveTermAndNotBefore() throws Exception {
        ServiceSettings settings = ServiceSettings.forTests("command");
        String topic = CommandServiceInfrastructure.freshTopic();
        String erased;
        String living;
        try (ConfigurableApplicationContext service = start(settings, topic)) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            IntakeClient intake = new IntakeClient(CommandServiceInfrastructure.port(service));
            erased = intake.registerNewYouth();
            living = intake.registerNewYouth();
            assertThat(intake.post(signalRaised(erased, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"))
                    .statusCode()).isEqualTo(202);
            assertThat(intake.post(signalRaised(living, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"))
                    .statusCode()).isEqualTo(202);
            ObjectNode referral = PartnerEvents.envelope("nl.ketenbus.halt.referral-made.v1",
                    "urn:ketenbus:org:halt", living);
            referral.putObject("data").put("subjectRef", living).put("referralId", "halt-1");
            assertThat(intake.post(referral).statusCode()).isEqualTo(202);
            // And a signal its partner withdrew.
            withdrawnSignal(intake, living);
            String expiredSignal = jdbc.queryForObject("select event_identifier from domain_event_entry "
                    + "where aggregate_identifier = ? and payload_type = ? order by sequence_number limit 1",
                    String.class, living, SignalRaised.class.getName());
            service.getBean(CommandGateway.class).sendAndWait(new EraseSubject(erased,
                    ErasureGround.NO_LONGER_NECESSARY, "gemeente-privacy-officer"));
            List<String> erasedStream = typesOf(jdbc, erased);
            assertThat(erasedStream).hasSizeGreaterThan(2).endsWith(SubjectErased.class.getName());

            // A year and two days on, the living youth's signal expires by its retention deadline.
            CLOCK.offset = Duration.ofDays(367);
            assertThat(jdbc.update("update scheduled_tasks set execution_time = now() where task_instance in "
                    + "(select schedule_id from deadline_scope where deadline_name = 'retention' "
                    + "and position(convert_to(?, 'UTF8') in scope) > 0)", living)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> typesOf(jdbc, living)
                    .contains(FactsExpired.class.getName()));

            StorePurge purge = service.getBean(StorePurge.class);
            assertThat(purge.run(CLOCK.instant())).as("within the archive term")
                    .isEqualTo(new StorePurge.Pass(0, 0, 0, 0, 0));
            assertThat(typesOf(jdbc, erased)).isEqualTo(erasedStream);

            Instant afterTheTerm = CLOCK.instant().plus(ARCHIVE_AND_MORE);
            assertThat(purge.run(afterTheTerm)).isEqualTo(new StorePurge.Pass(1, erasedStream.size() - 1, 1, 0, 2));
            assertThat(typesOf(jdbc, erased)).containsExactly(SubjectErased.class.getName());
            Map<String, Object> proof = jdbc.queryForMap("select stream_cut_at, events_removed from erasure_proof "
                    + "where subject_ref = ?", erased);
            assertThat(proof.get("stream_cut_at")).isNotNull();
            assertThat(proof.get("events_removed")).isEqualTo(erasedStream.size() - 1);
            assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where event_identifier = ?",
                    Integer.class, expiredSignal)).isZero();
            assertThat(typesOf(jdbc, living)).as("the expired signal, the withdrawn one and its withdrawal gone")
                    .contains(SubjectRegistered.class.getName(), HaltReferralMade.class.getName(),
                            FactsExpired.class.getName())
                    .doesNotContain(SignalRaised.class.getName(), SignalWithdrawn.class.getName());
            MeterRegistry meters = service.getBean(MeterRegistry.class);
            assertThat(meters.get("ketenbus.store-purge.removed").tag("kind", "ended").counter().count())
                    .isEqualTo(2.0);
            assertThat(meters.get("ketenbus.store-purge.last-completed").gauge().value())
                    .as("by the service's clock").isCloseTo(CLOCK.instant().getEpochSecond(), Offset.offset(120.0));
            assertThat(purge.run(afterTheTerm)).as("again: nothing more")
                    .isEqualTo(new StorePurge.Pass(0, 0, 0, 0, 0));

            // The Halt referral, kept for its two years and the term, goes a year later.
            Instant afterItsPeriod = afterTheTerm.plus(Duration.ofDays(366));
            assertThat(purge.run(afterItsPeriod)).isEqualTo(new StorePurge.Pass(0, 0, 0, 1, 0));
            assertThat(typesOf(jdbc, living)).contains(SubjectRegistered.class.getName(), FactsExpired.class.getName())
                    .doesNotContain(HaltReferralMade.class.getName());
        } finally {
            CLOCK.offset = Duration.ZERO;
        }

        try (ConfigurableApplicationContext again = start(settings, topic)) {
            JdbcTemplate jdbc = again.getBean(JdbcTemplate.class);
            IntakeClient intake = new IntakeClient(CommandServiceInfrastructure.port(again));
            HttpResponse<String> aboutTheErased = intake.post(signalRaised(erased, "urn:ketenbus:org:politie",
                    "BEZIT", "MULTIPLE_PHONES"));
            assertThat(aboutTheErased.statusCode()).isEqualTo(422);
            assertThat(aboutTheErased.body()).contains("subject-erased");
            again.getBean(CommandGateway.class).sendAndWait(new EraseSubject(erased,
                    ErasureGround.NO_LONGER_NECESSARY, "gemeente-privacy-officer"));
            assertThat(typesOf(jdbc, erased)).as("erased again: nothing new").hasSize(1);

            assertThat(intake.post(signalRaised(living, "urn:ketenbus:org:jongerenwerk", "CONTACTEN",
                    "OLDER_YOUTHS")).statusCode()).isEqualTo(202);
            assertThat(typesOf(jdbc, living)).as("the removed signal no longer counts, as when it expired")
                    .doesNotContain(SignalsMatched.class.getName());
        }
    }

    @Test
    void aYouthWhoWantsItsDataKeptKeepsItInTheStoreUntilTheRestrictionIsLifted() throws Exception {
        ServiceSettings settings = ServiceSettings.forTests("command");
        try (ConfigurableApplicationContext service = start(settings, CommandServiceInfrastructure.freshTopic())) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            IntakeClient intake = new IntakeClient(CommandServiceInfrastructure.port(service));
            String held = intake.registerNewYouth();
            String free = intake.registerNewYouth();
            for (String youth : List.of(held, free)) {
                assertThat(intake.post(signalRaised(youth, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"))
                        .statusCode()).isEqualTo(202);
                ObjectNode referral = PartnerEvents.envelope("nl.ketenbus.halt.referral-made.v1",
                        "urn:ketenbus:org:halt", youth);
                referral.putObject("data").put("subjectRef", youth).put("referralId", "halt-" + youth);
                assertThat(intake.post(referral).statusCode()).isEqualTo(202);
                withdrawnSignal(intake, youth);
            }
            CLOCK.offset = Duration.ofDays(367);
            assertThat(jdbc.update("update scheduled_tasks set execution_time = now() where task_instance in "
                    + "(select schedule_id from deadline_scope where deadline_name = 'retention')")).isEqualTo(2);
            await().atMost(Duration.ofSeconds(60)).until(() -> typesOf(jdbc, held).contains(FactsExpired.class.getName())
                    && typesOf(jdbc, free).contains(FactsExpired.class.getName()));
            // Then the youth asks that its data be kept for a legal claim (as the query side's restriction leaves it).
            jdbc.update("insert into processing_restriction (subject_ref, ground, decided_by, restricted_at) "
                    + "values (?, 'NEEDED_FOR_LEGAL_CLAIM', 'privacy-officer-1', now())", held);
            List<String> heldStream = typesOf(jdbc, held);

            // Past the archive term and the Halt referral's period: the other youth's due facts go, the held ones stay.
            StorePurge purge = service.getBean(StorePurge.class);
            Instant afterAll = CLOCK.instant().plus(ARCHIVE_AND_MORE).plus(Duration.ofDays(366));
            assertThat(purge.run(afterAll)).isEqualTo(new StorePurge.Pass(0, 0, 1, 1, 2));
            assertThat(typesOf(jdbc, free)).doesNotContain(SignalRaised.class.getName(),
                    HaltReferralMade.class.getName(), SignalWithdrawn.class.getName());
            assertThat(typesOf(jdbc, held)).isEqualTo(heldStream);
            assertThat(purge.run(afterAll)).as("still held").isEqualTo(new StorePurge.Pass(0, 0, 0, 0, 0));
            assertThat(typesOf(jdbc, held)).isEqualTo(heldStream);

            // Lifted: the next pass does what was passed by.
            jdbc.update("delete from processing_restriction where subject_ref = ?", held);
            assertThat(purge.run(afterAll)).isEqualTo(new StorePurge.Pass(0, 0, 1, 1, 2));
            assertThat(typesOf(jdbc, held)).contains(SubjectRegistered.class.getName(), FactsExpired.class.getName())
                    .doesNotContain(SignalRaised.class.getName(), HaltReferralMade.class.getName(),
                            SignalWithdrawn.class.getName());
            assertThat(jdbc.queryForObject("select count(*) from store_purge_held", Integer.class)).isZero();
            assertThat(purge.run(afterAll)).as("again: nothing more").isEqualTo(new StorePurge.Pass(0, 0, 0, 0, 0));
        } finally {
            CLOCK.offset = Duration.ZERO;
        }
    }

    /**
     * A signal's id is its partner's own: when the police withdraw theirs, youth work's signal with the same id
     * stays in the store (it was removed with the police's: the purge matched the id alone).
     */
    @Test
    void anEndRemovesOnlyTheFactItsOwnPartnerRecordedUnderTheId() throws Exception {
        ServiceSettings settings = ServiceSettings.forTests("command");
        try (ConfigurableApplicationContext service = start(settings, CommandServiceInfrastructure.freshTopic())) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            IntakeClient intake = new IntakeClient(CommandServiceInfrastructure.port(service));
            String youth = intake.registerNewYouth();
            ObjectNode youthWorks = signalRaised(youth, "urn:ketenbus:org:jongerenwerk", "CONTACTEN", "OLDER_YOUTHS");
            ObjectNode police = signalRaised(youth, "urn:ketenbus:org:politie", "GEDRAG", "LYING_OR_EXCUSES");
            String sharedId = police.path("data").path("signalId").asText();
            ((ObjectNode) youthWorks.path("data")).put("signalId", sharedId);
            assertThat(intake.post(youthWorks).statusCode()).isEqualTo(202);
            assertThat(intake.post(police).statusCode()).isEqualTo(202);
            ObjectNode withdrawal = PartnerEvents.envelope("nl.ketenbus.signal.withdrawn.v1",
                    "urn:ketenbus:org:politie", youth);
            withdrawal.putObject("data").put("subjectRef", youth).put("signalId", sharedId).put("reason", "RESOLVED");
            assertThat(intake.post(withdrawal).statusCode()).isEqualTo(202);
            String youthWorksEvent = jdbc.queryForObject("select event_identifier from domain_event_entry "
                    + "where aggregate_identifier = ? and payload_type = ? order by sequence_number limit 1",
                    String.class, youth, SignalRaised.class.getName());

            // Past the signal's period and the archive term (no retention deadline has run: both still count).
            Instant afterTheTerm = CLOCK.instant().plus(ARCHIVE_AND_MORE).plus(Duration.ofDays(367));
            assertThat(service.getBean(StorePurge.class).run(afterTheTerm)).as("the police's signal and its end")
                    .isEqualTo(new StorePurge.Pass(0, 0, 0, 0, 2));
            assertThat(jdbc.queryForList("select event_identifier from domain_event_entry where aggregate_identifier "
                    + "= ? and payload_type = ?", String.class, youth, SignalRaised.class.getName()))
                    .as("youth work's signal with the same id").containsExactly(youthWorksEvent);
            assertThat(typesOf(jdbc, youth)).doesNotContain(SignalWithdrawn.class.getName());
        }
    }

    /** A signal about the youth, and its partner's withdrawal of it. */
    private static void withdrawnSignal(IntakeClient intake, String youth) throws Exception {
        ObjectNode signal = signalRaised(youth, "urn:ketenbus:org:politie", "GEDRAG", "LYING_OR_EXCUSES");
        assertThat(intake.post(signal).statusCode()).isEqualTo(202);
        ObjectNode withdrawal = PartnerEvents.envelope("nl.ketenbus.signal.withdrawn.v1", "urn:ketenbus:org:politie",
                youth);
        withdrawal.putObject("data").put("subjectRef", youth)
                .put("signalId", signal.path("data").path("signalId").asText()).put("reason", "RESOLVED");
        assertThat(intake.post(withdrawal).statusCode()).isEqualTo(202);
    }

    private static ConfigurableApplicationContext start(ServiceSettings settings, String topic) {
        return CommandServiceInfrastructure.start(settings, topic, new Class<?>[] {MovableClock.MovedTime.class},
                "db-scheduler.polling-interval=1s");
    }

    private static List<String> typesOf(JdbcTemplate jdbc, String youth) {
        return jdbc.queryForList("select payload_type from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number", String.class, youth);
    }
}
