package nl.ketenbus.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.junit.jupiter.api.Test;

class UnsettledGapsTest {

    private static final GapAwareTrackingToken AT_10 = GapAwareTrackingToken.newInstance(10, Set.of());

    @Test
    void givesTheWholeBatchWithoutAGap() {
        List<TrackedEventData<?>> batch = List.of(at(11), at(12), at(13));

        assertThat(UnsettledGaps.before(AT_10, batch, 0)).hasSize(3);
    }

    @Test
    void stopsBeforeTheFirstEventAfterAnUnsettledEmptyPosition() {
        List<TrackedEventData<?>> batch = List.of(at(11), at(13), at(14));

        assertThat(UnsettledGaps.before(AT_10, batch, 11)).as("12 may still be filled").hasSize(1);
        assertThat(UnsettledGaps.before(AT_10, batch, 12)).as("12 settled").hasSize(3);
    }

    @Test
    void stopsAtOnceWhenTheFirstPositionAfterTheTokenIsEmpty() {
        assertThat(UnsettledGaps.before(AT_10, List.of(at(12)), 10)).isEmpty();
        assertThat(UnsettledGaps.before(null, List.of(at(3)), 1)).as("from the start: 1 and 2 empty").isEmpty();
        assertThat(UnsettledGaps.before(null, List.of(at(3)), 2)).hasSize(1);
    }

    @Test
    void anEventFillingOneOfTheTokensGapsOpensNone() {
        GapAwareTrackingToken withGap = GapAwareTrackingToken.newInstance(10, new TreeSet<>(Set.of(8L)));
        TrackedEventData<?> filling = new TrackedDomainEventData<>(withGap.advanceTo(8, 10_000), null);

        assertThat(UnsettledGaps.before(withGap, List.of(filling, at(11)), 0)).hasSize(2);
    }

    private static TrackedEventData<?> at(long index) {
        return new TrackedDomainEventData<>(GapAwareTrackingToken.newInstance(index, Set.of()), null);
    }
}
