package nl.ketenbus.query.audit;

import org.springframework.boot.actuate.health.Health;
import org.springframework.dao.DataAccessException;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: a node whose access log cannot be read, or is switched off for a benchmark,
 * must not receive reads.
 */
@Component("accessLogHealthIndicator")
class AccessLogHealth implements HealthIndicator {

    private final AccessLog log;
    private final JdbcTemplate jdbc;

    AccessLogHealth(AccessLog log, JdbcTemplate jdbc) {
        this.log = log;
        this.jdbc = jdbc;
    }

    @Override
    public Health health() {
        if (!log.enabled()) {
            return Health.down().withDetail("reason", "the access log is disabled for a benchmark").build();
        }
        try {
            Long head = jdbc.queryForObject("select seq from access_log_head where id = 1", Long.class);
            return Health.up().withDetail("records", head).build();
        } catch (DataAccessException e) {
            return Health.down(e).build();
        }
    }
}
