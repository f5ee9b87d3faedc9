package nl.ketenbus.command.onboarding;

import java.time.Duration;

import org.springframework.stereotype.Component;

/**
 * Holds imports to {@code ketenbus.onboarding.max-events-per-second} on this node: a chunk waits
 * until its events fit in the budget, so that the history flows into the read models no faster than
 * an operator chose and live facts keep their place. No limit when the setting is 0.
 */
@Component
class ImportPace {

    private final int eventsPerSecond;
    private long nextFreeNanos = System.nanoTime();

    ImportPace(OnboardingProperties properties) {
        this.eventsPerSecond = properties.maxEventsPerSecond();
    }

    /** Waits until {@code events} more fit in the budget. */
    void admit(int events) throws InterruptedException {
        Duration wait = reserve(events);
        if (!wait.isZero()) {
            Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        }
    }

    synchronized Duration reserve(int events) {
        if (eventsPerSecond <= 0) {
            return Duration.ZERO;
        }
        long now = System.nanoTime();
        long start = Math.max(now, nextFreeNanos);
        nextFreeNanos = start + events * 1_000_000_000L / eventsPerSecond;
        return Duration.ofNanos(start - now);
    }
}
