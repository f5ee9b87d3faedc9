package nl.ketenbus.query.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.audit.AccessLog;
import nl.ketenbus.query.audit.AccessRecord;
import nl.ketenbus.query.audit.TraceContext;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The recipients of an erasure or a restriction (AVG art. 19) as the access log gives them: the organisations
 * a read showed the youth's data to before the decision, or in the hour after it before it took effect
 * everywhere, with the last time; not the gemeente, which decided, nor a refused read, a read that showed
 * nothing, an oversight read, break-glass after the decision, or a read more than an hour after it. A decision
 * whose recipients were all told is no longer open, and the gauges count what is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RecipientNoticesIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.notices");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AccessLog accessLog;

    @Autowired
    RecipientNotices notices;

    @Autowired
    RecipientNoticesWaiting waiting;

    @Autowired
    MeterRegistry meters;

    @Test
    void theOrganisationsShownTheYouthBeforeTheDecisionAreToBeToldUntilEachWas() {
        jdbc.update("delete from erasure_request");
        jdbc.update("delete from processing_restriction");
        String youth = "sr-" + UUID.randomUUID().toString().replace("-", "") + "0".repeat(32);
        Instant decided = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MICROS);
        Instant earlier = decided.minus(Duration.ofDays(10));
        Instant later = decided.minus(Duration.ofDays(1));
        accessLog.append(List.of(
                read("timeline.read", youth, "politie", earlier, AccessRecord.Status.OK, 3),
                read("timeline.read", youth, "politie", later, AccessRecord.Status.OK, 2),
                read("agenda.read", youth, "jongerenwerk", earlier, AccessRecord.Status.OK, 1),
                read("timeline.read", youth, "gemeente", later, AccessRecord.Status.OK, 5),
                read("timeline.read", youth, "halt", later, AccessRecord.Status.DENIED, 0),
                read("timeline.read", youth, "leerplicht", later, AccessRecord.Status.OK, 0),
                read("audit.access-report", youth, "om", later, AccessRecord.Status.OK, 4),
                read("timeline.read", youth, "rvdk", decided.plus(Duration.ofHours(2)), AccessRecord.Status.OK, 1),
                // In the gap before the decision took effect everywhere: an ordinary read counts, break-glass not.
                read("timeline.read", youth, "jeugdhulp", decided.plus(Duration.ofMinutes(10)),
                        AccessRecord.Status.OK, 1),
                breakGlass(read("timeline.read", youth, "zvh", decided.plus(Duration.ofMinutes(10)),
                        AccessRecord.Status.OK, 1))));
        UUID restriction = UUID.randomUUID();
        jdbc.update("insert into processing_restriction (id, subject_ref, ground, restricted_by, restricted_at) "
                + "values (?, ?, 'OBJECTION_PENDING', 'privacy-officer-1', ?)", restriction, youth,
                Timestamp.from(decided));

        RecipientNotices.Notice notice = notices.of(restriction).orElseThrow();
        assertThat(notice.recipients()).containsExactly(
                new RecipientNotices.Recipient("jeugdhulp", decided.plus(Duration.ofMinutes(10)), null, null),
                new RecipientNotices.Recipient("jongerenwerk", earlier, null, null),
                new RecipientNotices.Recipient("politie", later, null, null));
        assertThat(notices.open()).containsExactly(notice);
        assertThat(waiting.measure().open()).isEqualTo(1);
        assertThat(meters.get("ketenbus.recipient.notices.open").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("ketenbus.recipient.notices.oldest.seconds").gauge().value())
                .isCloseTo(Duration.ofDays(3).toSeconds(), Offset.offset(120.0));

        Instant now = Instant.now();
        assertThat(notices.record(notice, "politie", LocalDate.now(), "privacy-officer-1", now)).isTrue();
        assertThat(notices.record(notice, "politie", LocalDate.now(), "privacy-officer-3", now))
                .as("told once").isFalse();
        assertThat(notices.of(restriction).orElseThrow().recipients()).filteredOn(told -> told.informed())
                .extracting(RecipientNotices.Recipient::organisation, RecipientNotices.Recipient::informedBy)
                .containsExactly(tuple("politie", "privacy-officer-1"));
        assertThat(notice.told("politie", LocalDate.now(), "privacy-officer-1"))
                .as("the answer to the recording, as a fresh read has it")
                .isEqualTo(notices.of(restriction).orElseThrow());
        assertThat(notices.open()).as("jongerenwerk and jeugdhulp not yet told").hasSize(1);
        notices.record(notice, "jongerenwerk", LocalDate.now(), "privacy-officer-1", now);
        notices.record(notice, "jeugdhulp", LocalDate.now(), "privacy-officer-1", now);
        assertThat(notices.open()).isEmpty();
        assertThat(waiting.measure()).isEqualTo(new RecipientNoticesWaiting.Waiting(0, 0));
    }

    @Test
    void aDecisionToldAndSettledIsDoneAndItsAccessLogNotReadAgain() {
        jdbc.update("delete from erasure_request");
        jdbc.update("delete from processing_restriction");
        String youth = "sr-" + UUID.randomUUID().toString().replace("-", "") + "1".repeat(32);
        String recentYouth = "sr-" + UUID.randomUUID().toString().replace("-", "") + "2".repeat(32);
        Instant settled = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MICROS);
        Instant recent = Instant.now().minus(RecipientNotices.SETTLING.dividedBy(2)).truncatedTo(ChronoUnit.MICROS);
        Instant before = settled.minus(Duration.ofDays(1));
        accessLog.append(List.of(read("timeline.read", youth, "politie", before, AccessRecord.Status.OK, 2),
                read("timeline.read", recentYouth, "politie", before, AccessRecord.Status.OK, 2)));
        UUID told = restrict(youth, settled);
        UUID noneShown = restrict("sr-" + UUID.randomUUID().toString().replace("-", "") + "3".repeat(32), settled);
        UUID toldRecently = restrict(recentYouth, recent);
        notices.record(notices.of(told).orElseThrow(), "politie", LocalDate.now(), "privacy-officer-1", Instant.now());
        notices.record(notices.of(toldRecently).orElseThrow(), "politie", LocalDate.now(), "privacy-officer-1",
                Instant.now());

        assertThat(notices.open()).isEmpty();
        assertThat(jdbc.queryForList("select decision_id from recipient_notice_done", UUID.class))
                .as("the recent decision's recipients may still grow").contains(told, noneShown)
                .doesNotContain(toldRecently);

        accessLog.append(List.of(read("timeline.read", youth, "halt", before, AccessRecord.Status.OK, 1),
                read("timeline.read", recentYouth, "halt", before, AccessRecord.Status.OK, 1)));
        assertThat(notices.open()).as("a recipient added to the access log before the decisions (which a real "
                        + "log never gets this late) shows only where the decision was not yet done")
                .extracting(RecipientNotices.Notice::decisionId).containsExactly(toldRecently);
        assertThat(notices.of(told).orElseThrow().open()).as("the decision itself still reads the log").isTrue();
    }

    private UUID restrict(String youth, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into processing_restriction (id, subject_ref, ground, restricted_by, restricted_at) "
                + "values (?, ?, 'OBJECTION_PENDING', 'privacy-officer-1', ?)", id, youth, Timestamp.from(at));
        return id;
    }

    private static AccessRecord breakGlass(AccessRecord read) {
        return new AccessRecord(read.traceId(), read.spanId(), read.action(), read.startedAt(), read.endedAt(),
                read.status(), read.processingActivity(), read.subjectRef(), read.userId(), read.organisation(),
                read.role(), read.purpose(), read.caseIds(), read.covenantId(), read.covenantVersion(),
                read.ruleIds(), true, read.categoriesShown(), read.entriesShown(), read.detail(), read.factTraceIds());
    }

    private static AccessRecord read(String action, String youth, String organisation, Instant at,
                                     AccessRecord.Status status, int entriesShown) {
        TraceContext trace = TraceContext.current();
        return new AccessRecord(trace.traceId(), trace.spanId(), action, at, at, status, null, youth,
                organisation + "-user", organisation, "professional", "signaaloverleg", List.of(), null, null,
                List.of(), false, List.of(), entriesShown, null, List.of());
    }
}
