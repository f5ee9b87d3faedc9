package nl.ketenbus.query.erasure;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How many erasure requests wait for a second privacy officer, and how long the oldest has waited: a
 * data subject's request is to be decided within a month (AVG art. 12(3)), and a request nobody
 * confirms or withdraws would otherwise only show on the page (docs/operations.md says what to alert
 * on). Measured every minute, so a scrape never waits on the database; a measurement the database did
 * not answer keeps the last figures.
 */
@Component
class ErasureRequestsWaiting {

    private static final Logger log = LoggerFactory.getLogger(ErasureRequestsWaiting.class);

    /** The open requests and the oldest one's wait in seconds; -1 until first measured. */
    record Waiting(long open, long oldestSeconds) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AtomicReference<Waiting> last = new AtomicReference<>(new Waiting(-1, -1));

    ErasureRequestsWaiting(JdbcTemplate jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("ketenbus.erasure.requests.open", last, waiting -> waiting.get().open())
                .description("Erasure requests waiting for a second privacy officer (-1 until first measured)")
                .register(meters);
        Gauge.builder("ketenbus.erasure.requests.oldest.seconds", last, waiting -> waiting.get().oldestSeconds())
                .description("How long the oldest open erasure request has waited; 0 when none waits")
                .baseUnit("seconds").register(meters);
    }

    @Scheduled(fixedDelayString = "${ketenbus.erasure.waiting-interval:PT1M}", initialDelayString = "PT5S")
    void refresh() {
        try {
            measure();
        } catch (RuntimeException failure) {
            log.warn("Counting the open erasure requests failed: {}", failure.getClass().getSimpleName());
        }
    }

    /** Counts now; returns what the gauges then show. */
    Waiting measure() {
        Waiting waiting = jdbc.queryForObject("select count(*), min(requested_at) from erasure_request "
                + "where state = 'PENDING'", (row, index) -> new Waiting(row.getLong(1), row.getTimestamp(2) == null ? 0
                : Math.max(0, Duration.between(row.getTimestamp(2).toInstant(), clock.instant()).toSeconds())));
        last.set(waiting);
        return waiting;
    }
}
