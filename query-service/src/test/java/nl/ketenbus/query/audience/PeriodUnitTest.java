package nl.ketenbus.query.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class PeriodUnitTest {

    @Test
    void aPeriodIsWholeUnits() {
        assertThat(PeriodUnit.MONTH.bounds(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28))).isTrue();
        assertThat(PeriodUnit.MONTH.bounds(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 27))).isFalse();
        assertThat(PeriodUnit.MONTH.bounds(LocalDate.of(2026, 2, 2), LocalDate.of(2026, 3, 31))).isFalse();
        assertThat(PeriodUnit.QUARTER.bounds(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 9, 30))).isTrue();
        assertThat(PeriodUnit.QUARTER.bounds(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 4, 30))).isFalse();
        assertThat(PeriodUnit.HALF_YEAR.bounds(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31))).isTrue();
        assertThat(PeriodUnit.HALF_YEAR.bounds(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 12, 31))).isTrue();
        assertThat(PeriodUnit.HALF_YEAR.bounds(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 9, 30))).isFalse();
        assertThat(PeriodUnit.HALF_YEAR.bounds(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31))).isFalse();
    }
}
