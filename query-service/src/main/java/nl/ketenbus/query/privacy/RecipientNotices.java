package nl.ketenbus.query.privacy;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.query.audit.AccessLogQueries;
import nl.ketenbus.query.audit.AccessRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The duty to notify recipients (AVG art. 19): an erasure a privacy officer carried out, and a restriction of
 * processing, is told to each organisation to which the youth's data was shown before it took effect. The
 * access log says which organisations those are: every read that showed the youth's data, a reveal and a search
 * that found it, break-glass before the decision included, as the youth's access report counts them; the
 * gemeente, which decided, is not one.
 * A privacy officer records the day each recipient was told; a decision whose recipients were all told is no
 * longer open.
 */
@Repository
class RecipientNotices {

    /** What was decided: an erasure carried out, or a restriction of processing. */
    enum Decision { ERASURE, RESTRICTION }

    /** One recipient of a decision: when the youth's data was last shown to it, and whether it was told. */
    record Recipient(String organisation, Instant lastShownAt, LocalDate informedOn, String informedBy) {

        boolean informed() {
            return informedOn != null;
        }
    }

    /** A decision and the organisations it is to be told to. */
    record Notice(Decision decision, UUID decisionId, String subjectRef, Instant decidedAt,
                  List<Recipient> recipients) {

        boolean open() {
            return recipients.stream().anyMatch(recipient -> !recipient.informed());
        }

        /** The same decision with the recipient told on the day, by the officer who recorded it. */
        Notice told(String organisation, LocalDate informedOn, String informedBy) {
            return new Notice(decision, decisionId, subjectRef, decidedAt, recipients.stream()
                    .map(recipient -> recipient.organisation().equals(organisation)
                            ? new Recipient(organisation, recipient.lastShownAt(), informedOn, informedBy) : recipient)
                    .toList());
        }
    }

    private static final String DECISIONS = "select * from (select 'ERASURE' as decision, id, subject_ref, "
            + "decided_at from erasure_request where state = 'CARRIED_OUT' union all select 'RESTRICTION', id, "
            + "subject_ref, restricted_at from processing_restriction) decisions ";

    /**
     * How long after a decision its recipients may still grow: a read in the gap before the decision took
     * effect everywhere (seconds for a restriction; for an erasure until its event is projected, minutes when
     * the projection is behind) is logged when it ends. An hour leaves a wide margin; until then a told
     * decision is looked at again at each listing.
     */
    static final Duration SETTLING = Duration.ofHours(1);

    private final JdbcTemplate jdbc;
    private final AccessLogQueries accessLog;
    private final Clock clock;

    RecipientNotices(JdbcTemplate jdbc, AccessLogQueries accessLog, Clock clock) {
        this.jdbc = jdbc;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    /**
     * The decisions with a recipient not yet told, oldest first. A decision found told, and settled, is marked
     * done, so that the next listing does not read its youth's access log again.
     */
    List<Notice> open() {
        List<Notice> open = new ArrayList<>();
        Instant settled = clock.instant().minus(SETTLING);
        for (Notice notice : jdbc.query(DECISIONS + "where not exists (select 1 from recipient_notice_done d "
                + "where d.decision_id = decisions.id) order by decided_at, id", (row, index) -> notice(
                row.getString(1), row.getObject(2, UUID.class), row.getString(3), row.getTimestamp(4).toInstant()))) {
            Notice withRecipients = withRecipients(notice);
            if (withRecipients.open()) {
                open.add(withRecipients);
            } else if (notice.decidedAt().isBefore(settled)) {
                jdbc.update("insert into recipient_notice_done (decision_id, done_at) values (?, ?) "
                        + "on conflict do nothing", notice.decisionId(), Timestamp.from(clock.instant()));
            }
        }
        return open;
    }

    /** The decision with its recipients, if there is such a decision. */
    Optional<Notice> of(UUID decisionId) {
        return jdbc.query(DECISIONS + "where id = ?", (row, index) -> notice(row.getString(1), decisionId,
                row.getString(3), row.getTimestamp(4).toInstant()), decisionId).stream().findFirst()
                .map(this::withRecipients);
    }

    /** Records that the recipient was told; false when it was recorded before. */
    boolean record(Notice notice, String organisation, LocalDate informedOn, String officer, Instant now) {
        return jdbc.update("insert into recipient_notice (decision_id, organisation, subject_ref, informed_on, "
                        + "recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing",
                notice.decisionId(), organisation, notice.subjectRef(), Date.valueOf(informedOn), officer,
                Timestamp.from(now)) == 1;
    }

    private static Notice notice(String decision, UUID id, String subjectRef, Instant decidedAt) {
        return new Notice(Decision.valueOf(decision), id, subjectRef, decidedAt, List.of());
    }

    /**
     * The decision with its recipients. A decision's time is not the moment it took effect everywhere: a
     * restriction's row is written before the command side holds it and is seen only once committed, and an
     * erased youth stays in the read models until the erasure's event is projected. So the reads that showed the
     * youth up to an hour after the decision count too; after it only an ordinary read shows the youth in such
     * a gap, as break-glass, which does show a restricted youth, is no disclosure the decision is owed to.
     */
    private Notice withRecipients(Notice notice) {
        Map<String, Instant> shown = new TreeMap<>();
        for (AccessLogQueries.Logged logged : accessLog.bySubject(notice.subjectRef(), Instant.EPOCH,
                notice.decidedAt().plus(SETTLING))) {
            AccessRecord record = logged.record();
            boolean beforeOrInTheGap = record.startedAt().isBefore(notice.decidedAt()) || !record.breakGlass();
            if (AccessReport.consulted(record) && beforeOrInTheGap
                    && !OrganisationCode.GEMEENTE.code().equals(record.organisation())) {
                shown.merge(record.organisation(), record.startedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        Map<String, Recipient> told = new HashMap<>();
        jdbc.query("select * from recipient_notice where decision_id = ?", row -> {
            told.put(row.getString("organisation"), new Recipient(row.getString("organisation"), null,
                    row.getDate("informed_on").toLocalDate(), row.getString("recorded_by")));
        }, notice.decisionId());
        List<Recipient> recipients = new ArrayList<>();
        shown.forEach((organisation, last) -> {
            Recipient informed = told.get(organisation);
            recipients.add(new Recipient(organisation, last, informed == null ? null : informed.informedOn(),
                    informed == null ? null : informed.informedBy()));
        });
        return new Notice(notice.decision(), notice.decisionId(), notice.subjectRef(), notice.decidedAt(),
                List.copyOf(recipients));
    }
}
