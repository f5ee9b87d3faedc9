package nl.ketenbus.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import nl.ketenbus.query.audience.AggregateCounts;
import org.junit.jupiter.api.Test;

class CellKeyPerturbationTest {

    private static final int POSITIONS = 20_000;

    private static long keyAt(double position) {
        return (long) (position * AggregateCounts.KEY_RANGE);
    }

    @Test
    void movesEveryCountByAtMostTwoWithMeanNoughtAndNeverBelowNought() {
        for (long count = 1; count <= 60; count++) {
            double sum = 0;
            Map<Long, Integer> seen = new HashMap<>();
            for (int step = 0; step < POSITIONS; step++) {
                long shown = CellKeyPerturbation.perturbed(count, keyAt((step + 0.5) / POSITIONS));
                assertThat(shown).isBetween(Math.max(0, count - 2), count + 2);
                sum += shown - count;
                seen.merge(shown - count, 1, Integer::sum);
            }
            assertThat(Math.abs(sum / POSITIONS)).as("mean deviation of %d", count).isLessThan(1e-3);
            assertThat(seen).as("every deviation the table allows for %d", count)
                    .containsOnlyKeys(count == 1 ? new Long[] {-1L, 0L, 1L, 2L} : new Long[] {-2L, -1L, 0L, 1L, 2L});
        }
    }

    @Test
    void givesTheSameKeyTheSameNumberAndLeavesNothingCountedUnmoved() {
        long key = keyAt(0.97);

        assertThat(CellKeyPerturbation.perturbed(12, key)).isEqualTo(14);
        assertThat(CellKeyPerturbation.perturbed(12, key)).isEqualTo(14);
        assertThat(CellKeyPerturbation.perturbed(12, keyAt(0.01))).isEqualTo(10);
        assertThat(CellKeyPerturbation.perturbed(12, keyAt(0.5))).isEqualTo(12);
        assertThat(CellKeyPerturbation.perturbed(0, key)).isZero();
        // A key is taken modulo the range: a sum of record keys beyond it wraps round.
        assertThat(CellKeyPerturbation.perturbed(12, key + AggregateCounts.KEY_RANGE)).isEqualTo(14);
    }

    /**
     * The attack the minimum cell size alone did not stop: a category's total less the shown counts of
     * the types in it gives the withheld type's count. With each cell moved by its own key, the
     * difference is the withheld count only now and then, and spreads over many values.
     */
    @Test
    void aWithheldCountIsNotTheDifferenceOfTwoShownOnes() {
        SplittableRandom random = new SplittableRandom(20261208L);
        int withheld = 3;
        int shownType = 40;
        Map<Long, Integer> derived = new HashMap<>();
        int trials = 10_000;
        for (int trial = 0; trial < trials; trial++) {
            long category = CellKeyPerturbation.perturbed(withheld + shownType,
                    random.nextLong(AggregateCounts.KEY_RANGE));
            long type = CellKeyPerturbation.perturbed(shownType, random.nextLong(AggregateCounts.KEY_RANGE));
            derived.merge(category - type, 1, Integer::sum);
        }

        assertThat(derived.keySet()).hasSizeGreaterThanOrEqualTo(9);
        assertThat(derived.get((long) withheld) / (double) trials).isBetween(0.25, 0.40);
    }
}
