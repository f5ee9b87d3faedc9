package nl.ketenbus.query.audit;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code accessLogChain}: DOWN when the last verification of the access log
 * failed, with the first bad record; UNKNOWN before the first. Not part of readiness: a broken
 * chain is evidence for the privacy officer, and reads go on being logged.
 */
@Component("accessLogChainHealthIndicator")
class AccessLogChainHealth extends AbstractHealthIndicator {

    private final ChainWatch watch;

    AccessLogChainHealth(ChainWatch watch) {
        this.watch = watch;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        ChainWatch.Verdict verdict = watch.last();
        if (verdict == null) {
            health.unknown().withDetail("reason", "not verified yet");
            return;
        }
        ChainVerifier.Verification verification = verdict.verification();
        (verification.intact() ? health.up() : health.down()).withDetail("verifiedAt", verdict.at().toString())
                .withDetail("recordsChecked", verification.recordsChecked())
                .withDetail("checkpointsChecked", verification.checkpointsChecked());
        if (!verification.intact()) {
            health.withDetail("firstInvalidSeq", verification.firstInvalidSeq())
                    .withDetail("problem", verification.problem());
        }
    }
}
