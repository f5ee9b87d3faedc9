package nl.ketenbus.query.privacy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.covenant.Covenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How many of the youths' requests are open, and how many of them are past their term (AVG art. 12(3)): a
 * request nobody answers would otherwise only show on the page (docs/operations.md says what to alert on).
 * Measured every minute; a scrape never waits on the database, and a measurement the database did not
 * answer keeps the last figures.
 */
@Component
class SubjectRequestsWaiting {

    private static final Logger log = LoggerFactory.getLogger(SubjectRequestsWaiting.class);

    /** The open requests and those past their term; -1 until first measured. */
    record Waiting(long open, long overdue) {
    }

    private final SubjectRequests requests;
    private final Clock clock;
    private final AtomicReference<Waiting> last = new AtomicReference<>(new Waiting(-1, -1));

    SubjectRequestsWaiting(SubjectRequests requests, Clock clock, MeterRegistry meters) {
        this.requests = requests;
        this.clock = clock;
        Gauge.builder("ketenbus.subject.requests.open", last, waiting -> waiting.get().open())
                .description("Youths' requests under the AVG not answered yet (-1 until first measured)")
                .register(meters);
        Gauge.builder("ketenbus.subject.requests.overdue", last, waiting -> waiting.get().overdue())
                .description("Youths' requests not answered within their term (AVG art. 12(3); -1 until first "
                        + "measured)").register(meters);
    }

    @Scheduled(fixedDelayString = "${ketenbus.subject-requests.waiting-interval:PT1M}", initialDelayString = "PT20S")
    void refresh() {
        try {
            measure();
        } catch (RuntimeException failure) {
            log.warn("Counting the youths' open requests failed: {}", failure.getClass().getSimpleName());
        }
    }

    /** Counts now; returns what the gauges then show. */
    Waiting measure() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), Covenant.ZONE);
        List<SubjectRequests.Request> open = requests.open();
        Waiting waiting = new Waiting(open.size(), open.stream().filter(request -> request.overdueOn(today)).count());
        last.set(waiting);
        return waiting;
    }
}
