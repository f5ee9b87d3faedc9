package nl.ketenbus.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;

import org.junit.jupiter.api.Test;

/** The access log keeps whole Dutch days: its cutoff is the start of a day in Amsterdam, winter and summer. */
class AccessLogRetentionTest {

    @Test
    void theCutoffIsTheStartOfTheOldestKeptDayInAmsterdam() {
        assertThat(AccessLogRetention.cutoff(LocalDate.of(2026, 12, 2), Period.ofYears(2)))
                .isEqualTo(Instant.parse("2024-12-01T23:00:00Z"));
        assertThat(AccessLogRetention.cutoff(LocalDate.of(2026, 7, 1), Period.ofYears(2)))
                .isEqualTo(Instant.parse("2024-06-30T22:00:00Z"));
    }
}
