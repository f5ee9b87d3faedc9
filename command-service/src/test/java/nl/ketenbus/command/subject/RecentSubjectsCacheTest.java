package nl.ketenbus.command.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

/**
 * The cache keeps youths within both bounds: their number, and the events their streams hold
 * together, the least recently used leaving first and Axon hearing of each. The cached values here
 * are their own last sequence numbers, so no Axon aggregate is needed.
 */
class RecentSubjectsCacheTest {

    private final List<Object> expired = new ArrayList<>();

    @Test
    void expiresTheLeastRecentlyUsedYouthsOnceTheirEventsExceedTheBound() {
        RecentSubjectsCache cache = cache(10, 100);
        cache.put("a", 39L);
        cache.put("b", 29L);
        cache.put("c", 19L);
        assertThat(cache.heldEvents()).isEqualTo(90);
        assertThat(cache.containsKey("a")).isTrue();

        cache.put("d", 29L);

        assertThat(expired).containsExactly("a");
        assertThat(cache.heldEvents()).isEqualTo(80);
        assertThat(List.of("b", "c", "d")).allMatch(cache::containsKey);
    }

    @Test
    void countsAYouthOnceWhenItsEntryIsReplacedOrRemoved() {
        RecentSubjectsCache cache = cache(10, 100);
        cache.put("a", 9L);
        cache.put("a", 49L);
        cache.put("b", null);
        assertThat(cache.heldEvents()).as("50 events of a, one for b without events").isEqualTo(51);

        cache.remove("a");
        assertThat(cache.heldEvents()).isEqualTo(1);
        cache.removeAll();
        assertThat(cache.heldEvents()).isZero();
        assertThat(expired).isEmpty();
    }

    @Test
    void keepsTheNumberBoundAndLetsAYouthLongerThanTheWholeBoundGo() {
        RecentSubjectsCache cache = cache(2, 1_000);
        cache.put("a", 0L);
        cache.put("b", 0L);
        cache.put("c", 0L);
        assertThat(expired).containsExactly("a");

        cache.put("long", 5_000L);
        assertThat(cache.containsKey("long")).as("never kept: it alone exceeds the bound").isFalse();
        assertThat(cache.heldEvents()).isLessThanOrEqualTo(1_000);
    }

    private RecentSubjectsCache cache(int capacity, long maxEvents) {
        RecentSubjectsCache cache = new RecentSubjectsCache(capacity, maxEvents, null, value -> (Long) value);
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });
        return cache;
    }
}
