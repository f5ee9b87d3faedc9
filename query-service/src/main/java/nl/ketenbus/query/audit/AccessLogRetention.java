package nl.ketenbus.query.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

import nl.ketenbus.covenant.Covenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes access records older than the retention ({@code ketenbus.audit.retention}, at least two
 * years), nightly. It cuts the chain only at a signed checkpoint, keeps that checkpoint's record
 * hash as the new anchor the verifier starts from, and logs the purge in the chain itself. The
 * deletion is the database's function {@code access_log_purge}: it lets nothing younger than two
 * years or after the newest anchor be deleted, and the verifier accepts an anchor only where a
 * signed checkpoint vouches for it.
 */
@Component
public class AccessLogRetention {

    private static final Logger log = LoggerFactory.getLogger(AccessLogRetention.class);
    private static final Period MINIMUM = Period.ofYears(2);
    /**
     * Class 0x6b62 ('kb'), object 20: one purge at a time. Every query node runs the nightly purge at the
     * same minute; the second, once the first committed, reads the new anchor and finds nothing more to
     * purge, instead of failing on the same anchor and logging an error.
     */
    private static final String ONE_AT_A_TIME = "select pg_advisory_xact_lock(27490, 20)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final AccessLog accessLog;
    private final Period retention;

    AccessLogRetention(JdbcTemplate jdbc, TransactionTemplate transaction, AccessLog accessLog,
                       @Value("${ketenbus.audit.retention:P2Y}") Period retention) {
        LocalDate today = LocalDate.now(Covenant.ZONE);
        if (today.minus(retention).isAfter(today.minus(MINIMUM))) {
            throw new IllegalStateException("ketenbus.audit.retention " + retention + " is shorter than two years");
        }
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.accessLog = accessLog;
        this.retention = retention;
    }

    @Scheduled(cron = "${ketenbus.audit.purge-cron:0 30 3 * * *}", zone = Covenant.ZONE_NAME)
    public void purgeExpired() {
        purgeBefore(cutoff(LocalDate.now(Covenant.ZONE), retention));
    }

    /**
     * The start of the oldest day still kept. Days are counted in the covenant's zone, as the read
     * models' retention counts them; the machine's zone (UTC in the images) would also purge the first
     * hour or two of that day.
     */
    public static Instant cutoff(LocalDate today, Period retention) {
        return today.minus(retention).atStartOfDay(Covenant.ZONE).toInstant();
    }

    /** Purges records that started before the cutoff, up to the last signed checkpoint among them. */
    public long purgeBefore(Instant cutoff) {
        Long purgedUpTo = transaction.execute(status -> {
            jdbc.execute(ONE_AT_A_TIME);
            Long anchor = jdbc.queryForObject("select coalesce(max(seq), 0) from access_log_anchor", Long.class);
            Long upTo = jdbc.queryForObject("select max(c.seq) from access_log_checkpoint c where c.seq > ? and c.seq <= "
                    + "(select max(seq) from access_log where started_at < ?)", Long.class, anchor,
                    Timestamp.from(cutoff));
            if (upTo == null) {
                return null;
            }
            // The database's own purge: it writes the anchor first, and refuses a record that is not
            // checkpointed or younger than two years (V12); the service's role may not delete.
            jdbc.queryForObject("select access_log_purge(?)", Long.class, upTo);
            return upTo;
        });
        if (purgedUpTo == null) {
            return 0;
        }
        TraceContext trace = TraceContext.current();
        Instant now = Instant.now();
        accessLog.append(List.of(new AccessRecord(trace.traceId(), trace.spanId(), "audit.purge", now, now,
                AccessRecord.Status.OK, null, null, "ketenbus:retention", null, null, null, List.of(), null, null,
                List.of(), false, List.of(), 0, "records up to " + purgedUpTo + " purged (older than " + cutoff + ")")));
        log.info("Access log purged up to record {} (older than {})", purgedUpTo, cutoff);
        return purgedUpTo;
    }
}
