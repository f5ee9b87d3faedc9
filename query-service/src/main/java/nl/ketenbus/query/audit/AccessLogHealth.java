package nl.ketenbus.query.audit;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: a node whose access log cannot be read or extended (the database is away, the
 * chain key is not the log's own), or is switched off for a benchmark, must not receive reads.
 */
@Component("accessLogHealthIndicator")
class AccessLogHealth extends AbstractHealthIndicator {

    private final AccessLog log;
    private final JdbcTemplate jdbc;
    private final ChainKeyCheck keyCheck;

    AccessLogHealth(AccessLog log, JdbcTemplate jdbc, ChainKeyCheck keyCheck) {
        this.log = log;
        this.jdbc = jdbc;
        this.keyCheck = keyCheck;
    }

    /** A failing query makes the indicator DOWN (AbstractHealthIndicator catches it). */
    @Override
    protected void doHealthCheck(Health.Builder health) {
        if (!log.enabled()) {
            health.down().withDetail("reason", "the access log is disabled for a benchmark");
            return;
        }
        if (!keyCheck.matches()) {
            health.down().withDetail("reason", ChainKeyCheck.MISMATCH);
            return;
        }
        health.up().withDetail("records",
                jdbc.queryForObject("select seq from access_log_head where id = 1", Long.class));
    }
}
