package nl.ketenbus.devinfra.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import nl.ketenbus.events.offence.OffenceRegistration;
import nl.ketenbus.events.offence.OpiumActOffenceKind;
import nl.ketenbus.events.offence.OpiumActOffenceRegistered;
import org.junit.jupiter.api.Test;

/** The demo's plan: the same seed gives the same youths and facts, shaped by the plan of approach. */
class DemoPlanTest {

    private static final LocalDate END = LocalDate.of(2026, 6, 30);

    @Test
    void theSameSeedGivesTheSameScenarioAndAnotherSeedAnother() {
        assertThat(DemoPlan.of(7, 168, 5, END).youths()).isEqualTo(DemoPlan.of(7, 168, 5, END).youths());
        assertThat(DemoPlan.of(8, 168, 5, END).youths()).isNotEqualTo(DemoPlan.of(7, 168, 5, END).youths());
    }

    @Test
    void itIsShapedByThePlansFigures() {
        DemoPlan plan = DemoPlan.of(2024, 168, 5, END);
        List<DemoPlan.Youth> youths = plan.youths();
        assertThat(youths).hasSize(168);
        assertThat(youths).allSatisfy(youth -> {
            int age = Period.between(youth.dateOfBirth(), youth.firstContact()).getYears();
            assertThat(age).isBetween(12, 21);
            assertThat(youth.facts()).isNotEmpty().allSatisfy(fact -> assertThat(fact.on())
                    .isBetween(youth.firstContact(), END));
        });
        // Possession far outweighs dealing, dealing production (36 : 2 : 1 in 2023).
        Map<OpiumActOffenceKind, Long> kinds = youths.stream().flatMap(youth -> youth.facts().stream())
                .map(DemoPlan.Fact::payload).filter(OpiumActOffenceRegistered.class::isInstance)
                .map(offence -> ((OpiumActOffenceRegistered) offence).kind())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(kinds.get(OpiumActOffenceKind.BEZIT)).isGreaterThan(8 * kinds.getOrDefault(OpiumActOffenceKind.HANDEL, 1L));
        // A few youths have more than two antecedents: the heavier ondermijning category.
        long heavier = youths.stream().filter(youth -> youth.facts().stream().map(DemoPlan.Fact::payload)
                .filter(OpiumActOffenceRegistered.class::isInstance)
                .filter(offence -> ((OpiumActOffenceRegistered) offence).registration() == OffenceRegistration.ANTECEDENT)
                .count() > 2).count();
        assertThat(heavier).isBetween(1L, 20L);
        // The share of 12 to 17 year olds rises: more in the last years than in the first.
        assertThat(youngShare(youths, END.minusYears(5), END.minusYears(3)))
                .isLessThan(youngShare(youths, END.minusYears(2), END));
    }

    private static double youngShare(List<DemoPlan.Youth> youths, LocalDate from, LocalDate to) {
        List<DemoPlan.Youth> inPeriod = youths.stream()
                .filter(youth -> !youth.firstContact().isBefore(from) && youth.firstContact().isBefore(to)).toList();
        return inPeriod.stream().filter(youth -> Period.between(youth.dateOfBirth(), youth.firstContact()).getYears() < 18)
                .count() / (double) inPeriod.size();
    }
}
