package nl.ketenbus.command.intake;

import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Intake counts for operations: {@code ketenbus.intake.events} by channel ({@code http},
 * {@code kafka}), outcome ({@code accepted}, {@code duplicate}, {@code refused}) and, for refusals,
 * the problem type as reason ({@code none} otherwise). The rate is the counter's rate. A busy
 * refusal counts each time, also of a Kafka record that is tried again.
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

    /**
     * {@code ketenbus.intake.held}: a partner record held (ADR 0032), by why: {@code failing} (it failed again
     * and again) or {@code behind} (an earlier record of its youth is held).
     */
    void held(String why) {
        meters.counter("ketenbus.intake.held", "why", why).increment();
    }

    /** {@code ketenbus.intake.held.released}: a held record decided at last and let go. */
    void released() {
        meters.counter("ketenbus.intake.held.released").increment();
    }

    /** {@code ketenbus.intake.oldest.wait}: seconds the oldest event in a lane has waited (what admission measures). */
    void waiting(DoubleSupplier oldestWaitSeconds) {
        // Held strongly: the supplier is a method reference nothing else keeps (a gauge's default is weak).
        Gauge.builder("ketenbus.intake.oldest.wait", oldestWaitSeconds, DoubleSupplier::getAsDouble)
                .strongReference(true).baseUnit("seconds").register(meters);
    }

    private void count(String channel, String outcome, String reason) {
        meters.counter("ketenbus.intake.events", "channel", channel, "outcome", outcome, "reason", reason)
                .increment();
    }
}
