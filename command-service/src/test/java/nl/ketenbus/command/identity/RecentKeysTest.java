package nl.ketenbus.command.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** Opened data keys are kept briefly and bounded, and shredding forgets them at once. */
class RecentKeysTest {

    private static final Instant START = Instant.parse("2026-11-30T10:00:00Z");
    private static final SubjectKeys.DataKey KEY = new SubjectKeys.DataKey(1, new SecretKeySpec(new byte[32], "AES"));

    private final MovableClock clock = new MovableClock();
    private final RecentKeys recent = new RecentKeys(Duration.ofSeconds(30), 3, clock);

    @Test
    void keepsAnOpenedKeyForItsLifetimeOnly() {
        recent.put("sr-1", KEY);

        clock.now = START.plusSeconds(29);
        assertThat(recent.get("sr-1", 1)).contains(KEY);
        assertThat(recent.get("sr-1", 2)).as("another version").isEmpty();

        clock.now = START.plusSeconds(30);
        assertThat(recent.get("sr-1", 1)).isEmpty();
    }

    @Test
    void forgetsEveryVersionOfAShreddedYouthAndNoOtherYouth() {
        recent.put("sr-1", KEY);
        recent.put("sr-1", new SubjectKeys.DataKey(2, KEY.key()));
        recent.put("sr-2", KEY);

        recent.forget("sr-1");

        assertThat(recent.get("sr-1", 1)).isEmpty();
        assertThat(recent.get("sr-1", 2)).isEmpty();
        assertThat(recent.get("sr-2", 1)).contains(KEY);
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        recent.put("sr-1", KEY);
        recent.put("sr-2", KEY);
        recent.put("sr-3", KEY);

        recent.put("sr-4", KEY);

        assertThat(recent.get("sr-4", 1)).contains(KEY);
        assertThat(recent.get("sr-1", 1)).isEmpty();
    }

    private static final class MovableClock extends Clock {
        private Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
