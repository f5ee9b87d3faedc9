package nl.ketenbus.query.privacy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How many erasures and restrictions still have a recipient to tell (AVG art. 19), and how old the oldest
 * such decision is: the telling is owed without undue delay, and a decision nobody follows up would otherwise
 * only show on the page (docs/operations.md says what to alert on). Measured every ten minutes, as it reads
 * the access log of each decision's youth not yet done; a scrape never waits on the database, and a measurement
 * the database did not answer keeps the last figures.
 */
@Component
class RecipientNoticesWaiting {

    private static final Logger log = LoggerFactory.getLogger(RecipientNoticesWaiting.class);

    /** The decisions with a recipient not told, and the oldest one's age in seconds; -1 until first measured. */
    record Waiting(long open, long oldestSeconds) {
    }

    private final RecipientNotices notices;
    private final Clock clock;
    private final AtomicReference<Waiting> last = new AtomicReference<>(new Waiting(-1, -1));

    RecipientNoticesWaiting(RecipientNotices notices, Clock clock, MeterRegistry meters) {
        this.notices = notices;
        this.clock = clock;
        Gauge.builder("ketenbus.recipient.notices.open", last, waiting -> waiting.get().open())
                .description("Erasures and restrictions with a recipient not yet told (AVG art. 19; -1 until "
                        + "first measured)")
                .register(meters);
        Gauge.builder("ketenbus.recipient.notices.oldest.seconds", last, waiting -> waiting.get().oldestSeconds())
                .description("How old the oldest erasure or restriction with a recipient not yet told is; 0 when "
                        + "none").baseUnit("seconds").register(meters);
    }

    @Scheduled(fixedDelayString = "${ketenbus.recipient-notices.waiting-interval:PT10M}", initialDelayString = "PT30S")
    void refresh() {
        try {
            measure();
        } catch (RuntimeException failure) {
            log.warn("Counting the recipients still to be told failed: {}", failure.getClass().getSimpleName());
        }
    }

    /** Counts now; returns what the gauges then show. */
    Waiting measure() {
        List<RecipientNotices.Notice> open = notices.open();
        Waiting waiting = new Waiting(open.size(), open.isEmpty() ? 0
                : Math.max(0, Duration.between(open.get(0).decidedAt(), clock.instant()).toSeconds()));
        last.set(waiting);
        return waiting;
    }
}
