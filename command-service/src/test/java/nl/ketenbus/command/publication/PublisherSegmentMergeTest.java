package nl.ketenbus.command.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Test;

/** Which stored segment the merge asks Axon to merge: only one whose sibling is stored whole. */
class PublisherSegmentMergeTest {

    @Test
    void fourSegmentsMergeInPairsFirst() {
        int[] stored = {0, 1, 2, 3};
        assertThat(mergeableOf(stored)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aMergedSegmentWaitsUntilItsSiblingIsMergedToo() {
        // 0 and 2 merged into 0 (mask 1); 1 and 3 still apart (mask 3): 0 cannot merge with 1 yet.
        int[] stored = {0, 1, 3};
        assertThat(mergeableOf(stored)).containsExactly(1, 3);
    }

    @Test
    void twoHalvesMergeIntoOneAndOneSegmentNoFurther() {
        assertThat(mergeableOf(new int[] {0, 1})).containsExactly(0, 1);
        assertThat(mergeableOf(new int[] {0})).isEmpty();
    }

    private static int[] mergeableOf(int[] stored) {
        return Arrays.stream(stored)
                .filter(id -> PublisherSegmentMerge.mergeable(Segment.computeSegment(id, stored), stored))
                .toArray();
    }
}
