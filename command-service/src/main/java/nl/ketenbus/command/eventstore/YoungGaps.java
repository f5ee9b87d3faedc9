package nl.ketenbus.command.eventstore;

import java.time.Instant;
import java.util.List;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.TrackedEventData;

/**
 * Where the store's producer stops a batch: before the first event that would open a gap while it is
 * younger than the wait. The positions it skips belong to a transaction that has taken them and not
 * yet committed (another intake lane's group, another node's), and will mostly be filled a moment
 * later; read past them now, every token after carries them as gaps, and Axon copies a token's
 * gaps for every event it reads ({@code GapAwareTrackingToken.advanceTo}). The store's cache and the
 * publisher's batch hold a token per event: with 2,700 gaps in each, a 512 MB command node held 7.4
 * million gap entries (422 MB) when it ran out of memory during an import (issue 21, docs/benchmarks.md). Waiting
 * for the gap to fill reads the same events a moment later without them. A gap that stays (a
 * transaction rolled back) is read past once the events after it are older than the wait, and tracked
 * as Axon tracks it.
 */
final class YoungGaps {

    private YoungGaps() {
    }

    /** The batch up to the first event that opens a gap and whose time is after {@code youngAfter}. */
    static <T extends TrackedEventData<?>> List<T> before(TrackingToken from, List<T> batch, Instant youngAfter) {
        long reached = from == null ? GapTracking.LOWEST_GLOBAL_SEQUENCE - 1
                : ((GapAwareTrackingToken) from).getIndex();
        for (int i = 0; i < batch.size(); i++) {
            T event = batch.get(i);
            long index = ((GapAwareTrackingToken) event.trackingToken()).getIndex();
            if (index > reached + 1 && event.getTimestamp().isAfter(youngAfter)) {
                return batch.subList(0, i);
            }
            reached = Math.max(reached, index);
        }
        return batch;
    }
}
