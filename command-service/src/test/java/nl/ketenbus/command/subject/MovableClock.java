package nl.ketenbus.command.subject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The system's clock, shifted by a test's offset: a service's one clock, moved by its test. The tests of
 * this package run one after the other and each sets the offset back when it ends.
 */
final class MovableClock extends Clock {

    /** The clock of every service started with {@link MovedTime}. */
    static final MovableClock SHARED = new MovableClock();

    volatile Duration offset = Duration.ZERO;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    /** The service's one clock, moved by the test. */
    @Configuration(proxyBeanMethods = false)
    static class MovedTime {
        @Bean
        @Primary
        Clock movedClock() {
            return SHARED;
        }
    }
}
