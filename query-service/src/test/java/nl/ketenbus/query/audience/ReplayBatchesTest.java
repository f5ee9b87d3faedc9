package nl.ketenbus.query.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A chunk's youths in batches bounded by their events: in order, none split, none left out. */
class ReplayBatchesTest {

    @Test
    void fillsBatchesUpToTheBoundInOrder() {
        assertThat(ReplayBatches.split(List.of("a", "b", "c", "d", "e"),
                Map.of("a", 40L, "b", 60L, "c", 30L, "d", 50L, "e", 20L), 100))
                .containsExactly(List.of("a", "b"), List.of("c", "d", "e"));
    }

    @Test
    void aYouthAboveTheBoundIsABatchOfItsOwnAndTheLastShorterBatchIsKept() {
        assertThat(ReplayBatches.split(List.of("a", "long", "b", "c"),
                Map.of("a", 10L, "long", 500L, "b", 10L, "c", 10L), 100))
                .containsExactly(List.of("a"), List.of("long"), List.of("b", "c"));
    }

    @Test
    void aYouthWithoutStoredEventsStillBelongsToABatch() {
        assertThat(ReplayBatches.split(List.of("a", "gone", "b"), Map.of("a", 100L, "b", 1L), 100))
                .containsExactly(List.of("a", "gone"), List.of("b"));
    }
}
