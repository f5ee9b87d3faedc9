package nl.ketenbus.query.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Verifies the access log on a schedule ({@code ketenbus.audit.verification-interval}, default
 * hourly, and shortly after the start) and whenever the privacy officer asks, and keeps the last
 * verdict for the health component {@code accessLogChain} and the metrics
 * {@code ketenbus.audit.chain.intact} (1 intact, 0 not, NaN not yet verified) and
 * {@code ketenbus.audit.verifications} (by outcome). A broken chain must reach an operator's alert,
 * not wait until somebody happens to ask.
 */
@Component
public class ChainWatch {

    private static final Logger log = LoggerFactory.getLogger(ChainWatch.class);

    /** The last verdict and when it was reached. */
    public record Verdict(ChainVerifier.Verification verification, Instant at) {
    }

    private final ChainVerifier verifier;
    private final Clock clock;
    private final AtomicReference<Verdict> last = new AtomicReference<>();
    private final Counter intact;
    private final Counter broken;

    ChainWatch(ChainVerifier verifier, Clock clock, MeterRegistry meters) {
        this.verifier = verifier;
        this.clock = clock;
        Gauge.builder("ketenbus.audit.chain.intact", last, ChainWatch::intactValue)
                .description("Whether the last verification found the access log intact (1), broken (0), "
                        + "or none ran yet (NaN)")
                .register(meters);
        this.intact = verifications(meters, "intact");
        this.broken = verifications(meters, "broken");
    }

    /** Verifies now; the verdict is kept and counted. */
    public ChainVerifier.Verification verify() {
        ChainVerifier.Verification verification = verifier.verify();
        last.set(new Verdict(verification, clock.instant()));
        if (verification.intact()) {
            intact.increment();
        } else {
            broken.increment();
            log.error("The access log does not verify: first bad record {}: {}", verification.firstInvalidSeq(),
                    verification.problem());
        }
        return verification;
    }

    @Scheduled(fixedDelayString = "${ketenbus.audit.verification-interval:PT1H}",
            initialDelayString = "${ketenbus.audit.verification-initial-delay:PT15S}")
    void onSchedule() {
        try {
            verify();
        } catch (RuntimeException e) {
            // The database is away: the verdict stays what it was; the next run tries again.
            log.warn("The access log could not be verified now: {}", e.getMessage());
        }
    }

    /** The last verdict, if any verification ran on this node. */
    public Verdict last() {
        return last.get();
    }

    private static double intactValue(AtomicReference<Verdict> last) {
        Verdict verdict = last.get();
        return verdict == null ? Double.NaN : verdict.verification().intact() ? 1 : 0;
    }

    private static Counter verifications(MeterRegistry meters, String outcome) {
        return Counter.builder("ketenbus.audit.verifications")
                .description("Verifications of the access log, by outcome")
                .tag("outcome", outcome).register(meters);
    }
}
