package nl.ketenbus.command.eventstore;

import java.util.List;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Where a read of the store stops: before the first event that would read past an empty position
 * not yet settled ({@link SettledPositions}). Such a position belongs to a transaction that has taken
 * it and not yet committed (another intake lane's group, another node's), and is mostly filled a
 * moment later; the read reads on then, in order. Read past it, the event there could commit after
 * the reader gave the position up, and would never be published; and every token after would carry
 * it as a gap, a copy per event ({@code GapAwareTrackingToken.advanceTo}): with 2,700 gaps in each, a
 * 512 MB command node held 7.4 million gap entries (422 MB) when it ran out of memory during an
 * import (ADR 0021 item 19). A position that stays empty (its transaction rolled back) is read past
 * once it is settled, and tracked as Axon tracks a gap.
 */
final class UnsettledGaps {

    private UnsettledGaps() {
    }

    /** The batch up to the first event that reads past an empty position above {@code settled}. */
    static <T extends TrackedEventData<?>> List<T> before(TrackingToken from, List<T> batch, long settled) {
        long reached = index(from);
        for (int i = 0; i < batch.size(); i++) {
            long index = index(batch.get(i).trackingToken());
            if (index > reached + 1 && index - 1 > settled) {
                return batch.subList(0, i);
            }
            reached = Math.max(reached, index);
        }
        return batch;
    }

    /** The highest position a token has read (none: the one before the store's first). */
    static long index(TrackingToken token) {
        return token == null ? GapTracking.LOWEST_GLOBAL_SEQUENCE - 1 : ((GapAwareTrackingToken) token).getIndex();
    }
}
