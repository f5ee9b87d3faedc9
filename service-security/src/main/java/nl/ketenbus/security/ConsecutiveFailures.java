package nl.ketenbus.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often in a row what is tried again in place (a partner record, a batch of backbone records) has failed, by
 * its place: once it has failed {@code limit} times it is taken out of the way (held, ADR 0032 and 0033) instead
 * of being tried for ever. A place that passes is forgotten; so are all when more than {@code remembered} are
 * remembered (a place that stopped coming back, after a rebalance), which at worst starts a count again.
 */
public final class ConsecutiveFailures {

    private final int limit;
    private final int remembered;
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    public ConsecutiveFailures(int limit, int remembered) {
        this.limit = limit;
        this.remembered = remembered;
    }

    /** One more failure at this place: whether it has now failed {@code limit} times (or more) in a row. */
    public boolean reachedLimit(String place) {
        if (counts.size() >= remembered) {
            counts.clear();
        }
        return counts.merge(place, 1, Integer::sum) >= limit;
    }

    /** What was at this place passed, or was taken out of the way: its count starts again. */
    public void forget(String place) {
        counts.remove(place);
    }
}
