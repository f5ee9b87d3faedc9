package nl.ketenbus.command.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;

import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Test;

/**
 * Which segment the merge asks Axon to merge with its sibling: one whose sibling is stored whole and
 * held by this node as well.
 */
class PublisherSegmentMergeTest {

    @Test
    void fourSegmentsOnOneNodeMergeInPairsFromTheLowest() {
        assertThat(pair(Set.of(0, 1, 2, 3), 0, 1, 2, 3)).contains(0);
        assertThat(pair(Set.of(1, 3), 0, 1, 2, 3)).contains(1);
    }

    @Test
    void aMergedSegmentWaitsUntilItsSiblingIsMergedToo() {
        // 0 and 2 merged into 0 (mask 1); 1 and 3 still apart (mask 3): 0 cannot merge with 1 yet.
        assertThat(pair(Set.of(0, 1, 3), 0, 1, 3)).contains(1);
        assertThat(pair(Set.of(0, 1), 0, 1, 3)).isEmpty();
    }

    @Test
    void halvesWhoseSiblingsAnotherNodeHoldsAreNotAskedFor() {
        assertThat(pair(Set.of(0, 1), 0, 1, 2, 3)).isEmpty();
        assertThat(pair(Set.of(0, 1, 3), 0, 1, 2, 3)).contains(1);
    }

    @Test
    void oneSegmentIsNotMergedFurther() {
        assertThat(pair(Set.of(0, 1), 0, 1)).contains(0);
        assertThat(pair(Set.of(0), 0)).isEmpty();
    }

    private static Optional<Integer> pair(Set<Integer> held, int... stored) {
        return PublisherSegmentMerge.pairToMerge(held, stored).map(Segment::getSegmentId);
    }
}
