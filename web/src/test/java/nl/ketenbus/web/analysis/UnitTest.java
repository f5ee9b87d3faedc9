package nl.ketenbus.web.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;

class UnitTest {

    @Test
    void trendsStepByTheServicesUnit() {
        assertThat(Unit.MONTH.between(YearMonth.of(2026, 5), YearMonth.of(2026, 7)))
                .extracting(Unit.Period::label).containsExactly("mei 2026", "juni 2026", "juli 2026");
        assertThat(Unit.QUARTER.between(YearMonth.of(2026, 2), YearMonth.of(2026, 7)))
                .containsExactly(
                        new Unit.Period("kwartaal 1 2026", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)),
                        new Unit.Period("kwartaal 2 2026", LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30)),
                        new Unit.Period("kwartaal 3 2026", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30)));
        assertThat(Unit.HALF_YEAR.between(YearMonth.of(2026, 1), YearMonth.of(2026, 6)))
                .containsExactly(new Unit.Period("eerste halfjaar 2026", LocalDate.of(2026, 1, 1),
                        LocalDate.of(2026, 6, 30)));
    }
}
