package nl.ketenbus.command.subject;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The youths' cache sized by the heap when no bound is set: a 512 MB node holds what the lag
 * benchmark's three minutes at 2,000 signals a second gave its youths (about 313,000 facts, none read
 * again with a bound of 400,000: docs/benchmarks.md), and a small heap keeps the floor.
 */
class CachedFactsBoundTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aQuarterOfTheHeapAtWhatAFactCosts() {
        long at512 = SubjectConfiguration.factsForHeap(491 * MIB); // what -Xmx512m reports with the parallel collector
        assertThat(at512).isBetween(313_000L, 660_000L);
        assertThat(at512 * SubjectConfiguration.BYTES_PER_FACT).isLessThanOrEqualTo(491 * MIB / 4);
        assertThat(SubjectConfiguration.factsForHeap(1152 * MIB)).isGreaterThan(2 * at512);
        assertThat(SubjectConfiguration.factsForHeap(64 * MIB)).isEqualTo(SubjectConfiguration.FEWEST_FACTS);
    }
}
