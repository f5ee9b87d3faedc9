package nl.ketenbus.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SettledPositionsTest {

    private final FakeWriters writers = new FakeWriters();
    private long now = 1_000_000_000L;
    private final SettledPositions positions = new SettledPositions(writers, Duration.ofMillis(50),
            Duration.ofSeconds(10), () -> now);

    @Test
    void settlesUpToTheHighestPositionAtOnceWhenNoTransactionIsWriting() {
        writers.observations.add(new SettledPositions.Observation(42, Map.of()));

        assertThat(positions.settled()).isZero();
        assertThat(stoppedTwice(12)).as("read again: settled now").isTrue();
        assertThat(positions.settled()).isEqualTo(42);
        assertThat(positions.waitingSeconds()).isZero();
    }

    @Test
    void settlesOnlyOnceEveryTransactionWritingAtTheObservationHasEnded() {
        writers.observations.add(new SettledPositions.Observation(42, Map.of("3/17", 101, "4/9", 102)));
        assertThat(stoppedTwice(12)).isFalse();

        writers.writing = new HashMap<>(Map.of("4/9", 102, "5/1", 103));
        now += Duration.ofSeconds(3).toNanos();
        assertThat(positions.settled()).as("4/9 still writes").isZero();
        assertThat(writers.askedAbout).containsExactly(Set.of("3/17", "4/9"));
        assertThat(positions.waitingSeconds()).isEqualTo(3.0);

        writers.writing = new HashMap<>(Map.of("5/1", 103));
        now += Duration.ofMillis(50).toNanos();
        assertThat(positions.settled()).as("a writer that began after the observation does not count")
                .isEqualTo(42);
        assertThat(positions.waitingSeconds()).isZero();
    }

    @Test
    void asksAgainAtMostOncePerInterval() {
        writers.observations.add(new SettledPositions.Observation(42, Map.of("3/17", 101)));
        writers.writing = new HashMap<>(Map.of("3/17", 101));
        stoppedTwice(12);

        now += Duration.ofMillis(49).toNanos();
        positions.settled();
        assertThat(writers.askedAbout).isEmpty();
        now += Duration.ofMillis(1).toNanos();
        positions.settled();
        positions.settled();
        assertThat(writers.askedAbout).hasSize(1);
    }

    @Test
    void observesAgainOnlyOnceThePendingObservationHasSettled() {
        writers.observations.add(new SettledPositions.Observation(42, Map.of("3/17", 101)));
        writers.observations.add(new SettledPositions.Observation(90, Map.of()));
        writers.writing = new HashMap<>(Map.of("3/17", 101));
        stoppedTwice(12);
        assertThat(stoppedTwice(12)).as("one observation pending").isFalse();
        assertThat(writers.observations).hasSize(1);

        writers.writing = Map.of();
        now += Duration.ofMillis(50).toNanos();
        assertThat(positions.settled()).isEqualTo(42);
        assertThat(stoppedTwice(12)).isTrue();
        assertThat(positions.settled()).isEqualTo(90);
    }

    @Test
    void neverMovesBack() {
        writers.observations.add(new SettledPositions.Observation(42, Map.of()));
        writers.observations.add(new SettledPositions.Observation(40, Map.of()));
        stoppedTwice(12);

        assertThat(stoppedTwice(12)).as("nothing newly settled").isFalse();
        assertThat(positions.settled()).isEqualTo(42);
    }

    /** Reads stop before the same empty position twice, the interval apart: one of them observes. */
    private boolean stoppedTwice(long emptyPosition) {
        boolean first = positions.stoppedAtGap(emptyPosition);
        now += Duration.ofMillis(50).toNanos();
        return positions.stoppedAtGap(emptyPosition) || first;
    }

    @Test
    void observesOnlyOnceReadsHaveStoppedBeforeTheSameEmptyPositionForTheInterval() {
        writers.observations.add(new SettledPositions.Observation(42, Map.of()));

        assertThat(positions.stoppedAtGap(12)).isFalse();
        now += Duration.ofMillis(49).toNanos();
        assertThat(positions.stoppedAtGap(12)).as("not yet the interval").isFalse();
        assertThat(positions.stoppedAtGap(13)).as("another position: its own wait").isFalse();
        now += Duration.ofMillis(50).toNanos();
        assertThat(writers.observations).as("nothing observed yet").hasSize(1);
        assertThat(positions.stoppedAtGap(13)).isTrue();
        assertThat(positions.settled()).isEqualTo(42);
    }

    private static final class FakeWriters implements SettledPositions.Writers {

        final Deque<SettledPositions.Observation> observations = new ArrayDeque<>();
        final List<Set<String>> askedAbout = new ArrayList<>();
        Map<String, Integer> writing = Map.of();

        @Override
        public SettledPositions.Observation observe() {
            return observations.removeFirst();
        }

        @Override
        public Map<String, Integer> stillWriting(Set<String> transactions) {
            askedAbout.add(Set.copyOf(transactions));
            Map<String, Integer> still = new HashMap<>(writing);
            still.keySet().retainAll(transactions);
            return still;
        }
    }
}
