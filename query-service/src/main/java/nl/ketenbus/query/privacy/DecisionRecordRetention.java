package nl.ketenbus.query.privacy;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.query.audit.AccessLogRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes the privacy officers' decided erasure requests (carried out or withdrawn) and lifted restrictions
 * of processing once they are older than the access log's retention ({@code ketenbus.audit.retention}, at
 * least two years): by then the access log that lists those decisions is gone too, and what has to outlive
 * it is kept where it is needed (the command side's erasure proof names an erasure's two officers, and an
 * erased pseudonym is never given out again). The days recipients were told of them (AVG art. 19) go with
 * them, and so do the youths' requests answered before the cutoff (ADR 0029). An open request and a
 * restriction in force stay, however old.
 * Nightly, at the access log's purge; every query node may run it, as a second run finds nothing left.
 */
@Component
class DecisionRecordRetention {

    private static final Logger log = LoggerFactory.getLogger(DecisionRecordRetention.class);

    /** What one purge removed (the notices to recipients go with their decisions, and are not counted). */
    record Purged(int erasureRequests, int restrictions, int subjectRequests) {
    }

    private final JdbcTemplate jdbc;
    private final Period retention;

    DecisionRecordRetention(JdbcTemplate jdbc, @Value("${ketenbus.audit.retention:P2Y}") Period retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    @Scheduled(cron = "${ketenbus.audit.purge-cron:0 30 3 * * *}", zone = Covenant.ZONE_NAME)
    void purgeExpired() {
        try {
            Purged purged = purgeBefore(AccessLogRetention.cutoff(LocalDate.now(Covenant.ZONE), retention));
            if (purged.erasureRequests() + purged.restrictions() + purged.subjectRequests() > 0) {
                log.info("Privacy decisions past the access log's retention removed: {} erasure requests, "
                        + "{} lifted restrictions of processing, {} answered requests of youths",
                        purged.erasureRequests(), purged.restrictions(), purged.subjectRequests());
            }
        } catch (RuntimeException failure) {
            // The next night tries again; the type only, as the other scheduled tasks log theirs.
            log.warn("Privacy decisions past the access log's retention not removed: {}",
                    failure.getClass().getSimpleName());
        }
    }

    /** Removes the decisions taken before the cutoff: requests decided, restrictions lifted. */
    Purged purgeBefore(Instant cutoff) {
        Timestamp before = Timestamp.from(cutoff);
        int requests = jdbc.update("delete from erasure_request where state <> 'PENDING' and decided_at < ?", before);
        int restrictions = jdbc.update("delete from processing_restriction where lifted_at < ?", before);
        for (String table : List.of("recipient_notice", "recipient_notice_done")) {
            jdbc.update("delete from " + table + " n where not exists (select 1 from erasure_request e "
                    + "where e.id = n.decision_id) and not exists (select 1 from processing_restriction r "
                    + "where r.id = n.decision_id)");
        }
        int answered = jdbc.update("delete from subject_request where answered_on < ?",
                Date.valueOf(LocalDate.ofInstant(cutoff, Covenant.ZONE)));
        return new Purged(requests, restrictions, answered);
    }
}
