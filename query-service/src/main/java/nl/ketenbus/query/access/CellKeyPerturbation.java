package nl.ketenbus.query.access;

import nl.ketenbus.query.audience.AggregateCounts;

/**
 * The cell-key method (ADR 0035): a count is moved by at most {@link #MAXIMUM_DEVIATION}, by an amount its
 * cell key chooses from a fixed distribution with mean nought. The same youths in a cell always have the
 * same key, so asking again, in another grouping or another overlapping period that holds the same youths,
 * gives the same number and nothing averages the noise away; a cell that differs by one youth has an
 * unrelated key, so the difference of two answers is not the count of what they differ by.
 */
final class CellKeyPerturbation {

    /** The most a shown count differs from the true one. */
    static final int MAXIMUM_DEVIATION = 2;

    /**
     * For a count of one: -1, 0, +1 and +2 (never below nought), with the chances 0.30, 0.45, 0.20 and
     * 0.05 (mean 0.30 × -1 + 0.20 + 0.10 = 0), as cumulative bounds of the cell key.
     */
    private static final double[] ONE = {0.30, 0.75, 0.95, 1.0};
    /** For larger counts: -2 to +2 with the chances 0.05, 0.20, 0.50, 0.20 and 0.05 (mean 0, variance 0.8). */
    private static final double[] MORE = {0.05, 0.25, 0.75, 0.95, 1.0};

    private CellKeyPerturbation() {
    }

    /** The count as shown: the true count {@code count}, moved as the cell key {@code key} chooses. */
    static long perturbed(long count, long key) {
        if (count <= 0) {
            // A group without any youth is not a cell at all: nothing is counted, nothing is moved.
            return 0;
        }
        double position = (double) Math.floorMod(key, AggregateCounts.KEY_RANGE) / AggregateCounts.KEY_RANGE;
        double[] bounds = count == 1 ? ONE : MORE;
        int lowest = count == 1 ? -1 : -MAXIMUM_DEVIATION;
        int step = 0;
        while (position >= bounds[step]) {
            step++;
        }
        return count + lowest + step;
    }
}
