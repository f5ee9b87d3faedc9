package nl.ketenbus.command.intake;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Intake counts for operations: {@code ketenbus.intake.events} by channel ({@code http},
 * {@code kafka}), outcome ({@code accepted}, {@code duplicate}, {@code refused}) and, for refusals,
 * the problem type as reason ({@code none} otherwise). The rate is the counter's rate.
 */
@Component
class IntakeMetrics {

    private static final String NO_REASON = "none";

    private final MeterRegistry meters;

    IntakeMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void outcome(String channel, String outcome) {
        count(channel, outcome, NO_REASON);
    }

    void refused(String channel, IntakeRefusal refusal) {
        count(channel, "refused", refusal.problem());
    }

    private void count(String channel, String outcome, String reason) {
        meters.counter("ketenbus.intake.events", "channel", channel, "outcome", outcome, "reason", reason)
                .increment();
    }
}
