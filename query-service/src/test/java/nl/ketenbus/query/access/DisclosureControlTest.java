package nl.ketenbus.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import nl.ketenbus.query.audience.AggregateCounts;
import org.junit.jupiter.api.Test;

class DisclosureControlTest {

    /** A cell key that leaves a count as it is, one that moves it down by two, one that moves it up by two. */
    private static final long SAME = AggregateCounts.KEY_RANGE / 2;
    private static final long DOWN = 1;
    private static final long UP = AggregateCounts.KEY_RANGE - 1;

    private final DisclosureControl control = new DisclosureControl(5);

    private static AggregateCounts.Tally tally(long events, long eventsKey, long youths, long youthsKey) {
        return new AggregateCounts.Tally(events, eventsKey, youths, youthsKey);
    }

    @Test
    void showsAGroupMovedByItsCellKeys() {
        AggregateCounts.Tally total = tally(30, UP, 12, DOWN);

        Optional<AggregateAccess.Cell> cell = control.cell(new AggregateCounts.Count("SIGNAL", total,
                List.of(tally(15, SAME, 6, SAME), tally(15, SAME, 7, SAME))));

        assertThat(cell).contains(new AggregateAccess.Cell("SIGNAL", 32L, 10L, false));
    }

    @Test
    void withholdsAGroupShownAsFewerYouthsThanTheMinimumEvenWhenItHasMore() {
        AggregateCounts.Tally six = tally(6, SAME, 6, DOWN);

        assertThat(control.cell(new AggregateCounts.Count("SIGNAL", six, List.of(six))))
                .contains(new AggregateAccess.Cell("SIGNAL", null, null, true));
    }

    @Test
    void showsAGroupOfThreeYouthsMovedUpToTheMinimum() {
        AggregateCounts.Tally three = tally(3, SAME, 3, UP);

        assertThat(control.cell(new AggregateCounts.Count("SIGNAL", three, List.of(three))))
                .contains(new AggregateAccess.Cell("SIGNAL", 5L, 5L, false));
    }

    @Test
    void leavesOutAGroupShownAsNoughtLikeOneWithoutYouths() {
        AggregateCounts.Tally two = tally(2, SAME, 2, DOWN);

        assertThat(control.cell(new AggregateCounts.Count("SIGNAL", two, List.of(two)))).isEmpty();
    }

    @Test
    void withholdsAPeriodWithAUnitThatWouldBeWithheld() {
        AggregateCounts.Tally total = tally(20, SAME, 20, SAME);

        assertThat(control.cell(new AggregateCounts.Count("SIGNAL", total,
                List.of(tally(16, SAME, 16, SAME), tally(4, SAME, 4, SAME)))))
                .contains(new AggregateAccess.Cell("SIGNAL", null, null, true));
        assertThat(control.cell(new AggregateCounts.Count("SIGNAL", total,
                List.of(tally(16, SAME, 16, SAME), tally(4, SAME, 4, UP)))))
                .contains(new AggregateAccess.Cell("SIGNAL", 20L, 20L, false));
    }

    @Test
    void neverShowsFewerEventsThanYouths() {
        AggregateCounts.Tally total = tally(8, DOWN, 8, UP);

        assertThat(control.cell(new AggregateCounts.Count("SIGNAL", total, List.of(total))))
                .contains(new AggregateAccess.Cell("SIGNAL", 10L, 10L, false));
    }
}
