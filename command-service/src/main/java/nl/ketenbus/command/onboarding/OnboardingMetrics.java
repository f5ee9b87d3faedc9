package nl.ketenbus.command.onboarding;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * An import's progress for operations: {@code ketenbus.onboarding.chunks} by outcome ({@code done},
 * {@code repeated}, {@code incomplete}), {@code ketenbus.onboarding.events.remaining}, the events
 * declared by open imports and not yet decided, and {@code ketenbus.onboarding.chunks.waiting}, the
 * chunks this node holds until earlier chunks of their import are decided ({@link ChunkOrder}). Each
 * event's own outcome is counted where live intake counts it: {@code ketenbus.intake.events} with
 * {@code channel=import}.
 */
@Component
class OnboardingMetrics {

    private final MeterRegistry meters;

    OnboardingMetrics(MeterRegistry meters, Imports imports, ChunkOrder order) {
        this.meters = meters;
        Gauge.builder("ketenbus.onboarding.events.remaining", imports, Imports::remainingOrNaN)
                .description("events declared by open imports and not yet decided").register(meters);
        Gauge.builder("ketenbus.onboarding.chunks.waiting", order, ChunkOrder::waiting)
                .description("chunks held until the earlier chunks of their import are decided").register(meters);
    }

    void chunk(String outcome) {
        meters.counter("ketenbus.onboarding.chunks", "outcome", outcome).increment();
    }
}
