package nl.ketenbus.command.eventstore;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;

/**
 * The token of the next event a tracked read of the store yields, as Axon 4.13's JDBC engine computes
 * it: a position the read skipped is a gap (an event another transaction may still commit there),
 * unless the event just read is older than the gap timeout, after which gaps before it are given up.
 * {@link TrackedReadsEngine} reads the rows itself (to read each time once) and must give exactly
 * Axon's tokens: {@code TrackedReadsIT} compares the two engines over the same rows.
 */
final class GapTracking {

    /** Axon's defaults, set on the engine's builder as well so that both agree. */
    static final long LOWEST_GLOBAL_SEQUENCE = 1;
    static final int MAX_GAP_OFFSET = 10_000;
    static final int GAP_TIMEOUT_MILLIS = 60_000;

    private GapTracking() {
    }

    static GapAwareTrackingToken next(GapAwareTrackingToken previous, long globalSequence, Instant timestamp) {
        boolean allowGaps = timestamp.isAfter(
                GenericEventMessage.clock.instant().minus(GAP_TIMEOUT_MILLIS, ChronoUnit.MILLIS));
        if (previous == null) {
            return GapAwareTrackingToken.newInstance(globalSequence, allowGaps
                    ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence).boxed()
                            .collect(Collectors.toCollection(TreeSet::new))
                    : Collections.emptySortedSet());
        }
        return previous.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
    }
}
