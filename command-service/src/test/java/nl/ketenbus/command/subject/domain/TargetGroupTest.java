package nl.ketenbus.command.subject.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import nl.ketenbus.events.assessment.TargetGroupOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** The target group's boundaries as a table: date of birth × reference date × antecedents × indicators. */
class TargetGroupTest {

    @ParameterizedTest(name = "born {0}, on {1}, {2} antecedents, {3} indicators: {4} at {5}")
    @CsvFileSource(resources = "target-group-boundaries.csv")
    void placesTheYouthExactlyAtTheBoundaries(LocalDate born, LocalDate on, int antecedents, int indicators,
                                              TargetGroupOutcome expected, int age) {
        TargetGroup.Assessment assessment = TargetGroup.assess(born, on, antecedents, indicators);

        assertThat(assessment.outcome()).isEqualTo(expected);
        assertThat(assessment.age()).isEqualTo(age);
        assertThat(assessment.referenceDate()).isEqualTo(on);
    }

    @Test
    void theNextBirthdayIsTheDayTheAgeChanges() {
        LocalDate born = LocalDate.of(2014, 6, 15);
        assertThat(TargetGroup.nextBirthday(born, LocalDate.of(2026, 6, 14))).isEqualTo(LocalDate.of(2026, 6, 15));
        assertThat(TargetGroup.nextBirthday(born, LocalDate.of(2026, 6, 15))).isEqualTo(LocalDate.of(2027, 6, 15));
        LocalDate leapDay = LocalDate.of(2004, 2, 29);
        assertThat(TargetGroup.nextBirthday(leapDay, LocalDate.of(2019, 3, 1))).isEqualTo(LocalDate.of(2020, 2, 29));
        assertThat(TargetGroup.nextBirthday(leapDay, LocalDate.of(2025, 3, 1))).isEqualTo(LocalDate.of(2026, 3, 1));
    }

    @Test
    void noBirthdayIsPlannedAfterTheOneThatEndsTheTargetGroup() {
        LocalDate born = LocalDate.of(2004, 6, 15);
        assertThat(TargetGroup.nextBirthday(born, LocalDate.of(2026, 6, 14))).isEqualTo(LocalDate.of(2026, 6, 15));
        assertThat(TargetGroup.nextBirthday(born, LocalDate.of(2026, 6, 15))).isNull();
    }
}
