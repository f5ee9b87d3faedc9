package nl.ketenbus.command.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import nl.ketenbus.command.subject.domain.Subject;
import nl.ketenbus.command.subject.domain.SubjectFixtures;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.signal.SignalIndicator;
import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.signal.SignalWithdrawalReason;
import nl.ketenbus.events.signal.SignalWithdrawn;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;

/**
 * The cache keeps youths within both bounds: their number, and the facts they hold together, the
 * least recently used leaving first and Axon hearing of each. The cached values here are the facts
 * each holds, and stand for their versions too, so no Axon aggregate is needed; the last test weighs
 * Axon's own cache entry of a youth.
 */
class RecentSubjectsCacheTest {

    private final List<Object> expired = new ArrayList<>();

    @Test
    void expiresTheLeastRecentlyUsedYouthsOnceTheirFactsExceedTheBound() {
        RecentSubjectsCache cache = cache(10, 100);
        cache.put("a", 40L);
        cache.put("b", 30L);
        cache.put("c", 20L);
        assertThat(cache.heldFacts()).isEqualTo(90);
        assertThat(cache.containsKey("a")).isTrue();

        cache.put("d", 30L);

        assertThat(expired).containsExactly("a");
        assertThat(cache.heldFacts()).isEqualTo(80);
        assertThat(List.of("b", "c", "d")).allMatch(cache::containsKey);
    }

    @Test
    void countsAYouthOnceWhenItsEntryIsReplacedOrRemoved() {
        RecentSubjectsCache cache = cache(10, 100);
        cache.put("a", 10L);
        cache.put("a", 50L);
        cache.put("b", 1L);
        assertThat(cache.heldFacts()).as("a's 50 facts once, b's one").isEqualTo(51);

        cache.remove("a");
        assertThat(cache.heldFacts()).isEqualTo(1);
        cache.removeAll();
        assertThat(cache.heldFacts()).isZero();
        assertThat(expired).isEmpty();
    }

    @Test
    void keepsTheNumberBoundAndLetsAYouthLongerThanTheWholeBoundGo() {
        RecentSubjectsCache cache = cache(2, 1_000);
        cache.put("a", 1L);
        cache.put("b", 1L);
        cache.put("c", 1L);
        assertThat(expired).containsExactly("a");

        cache.put("long", 5_000L);
        assertThat(cache.containsKey("long")).as("never kept: it alone exceeds the bound").isFalse();
        assertThat(cache.heldFacts()).isLessThanOrEqualTo(1_000);
    }

    /**
     * What the metrics say: a youth not cached and one behind its stream each count as a read from the
     * store, a youth let go by a bound counts once, and one found as far as its stream counts nothing.
     */
    @Test
    void countsTheYouthsReadFromTheStoreAndThoseLetGo() {
        Map<String, Long> stored = new HashMap<>(Map.of("a", 1L, "b", 1L, "c", 2L));
        RecentSubjectsCache cache = new RecentSubjectsCache(2, 1_000, new SubjectStreams(null) {
            @Override
            Long lockAndReadVersion(String subjectRef) {
                return stored.get(subjectRef);
            }
        }, value -> (Long) value, value -> 1L);
        cache.put("a", 1L);
        cache.put("b", 1L);

        assertThat((Object) cache.get("a")).as("as far as its stream").isEqualTo(1L);
        stored.put("b", 2L);
        assertThat((Object) cache.get("b")).as("another node appended").isNull();
        assertThat((Object) cache.get("c")).as("never cached").isNull();
        cache.put("c", 2L);
        cache.put("d", 1L);

        assertThat(cache.behind()).isEqualTo(1);
        assertThat(cache.notCached()).isEqualTo(1);
        assertThat(cache.letGo()).as("a, the least recently used, for d").isEqualTo(1);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(List.of("c", "d")).allMatch(cache::containsKey);
    }

    /**
     * Axon's entry of a youth rebuilt from its stream: the youth itself and its one open signal count,
     * the withdrawn signal no longer does, though its two events stay in the stream.
     */
    @Test
    void weighsAxonsEntryOfAYouthByTheFactsItHolds() throws Exception {
        Constructor<Subject> forAxon = Subject.class.getDeclaredConstructor();
        forAxon.setAccessible(true);
        EventSourcedAggregate<Subject> youth = EventSourcedAggregate.initialize(forAxon.newInstance(),
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Subject.class), null,
                NoSnapshotTriggerDefinition.TRIGGER);
        youth.initializeState(DomainEventStream.of(stored(0, SubjectFixtures.REGISTERED),
                stored(1, signal("pol-1")), stored(2, signal("pol-2")),
                stored(3, new SignalWithdrawn(SubjectFixtures.SUBJECT, "pol-1", SignalWithdrawalReason.RESOLVED))));
        AggregateCacheEntry<Subject> entry = new AggregateCacheEntry<>(youth);

        assertThat(RecentSubjectsCache.versionOf(entry)).isEqualTo(3L);
        assertThat(RecentSubjectsCache.heldFactsOf(entry)).isEqualTo(2);
    }

    private static SignalRaised signal(String signalId) {
        return new SignalRaised(SubjectFixtures.SUBJECT, signalId, SignalIndicator.MULTIPLE_PHONES.category(),
                SignalIndicator.MULTIPLE_PHONES, SubjectFixtures.TODAY);
    }

    private static DomainEventMessage<?> stored(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Subject", SubjectFixtures.SUBJECT, sequence, payload,
                SubjectFixtures.by(OrganisationCode.POLITIE));
    }

    private RecentSubjectsCache cache(int capacity, long maxFacts) {
        RecentSubjectsCache cache = new RecentSubjectsCache(capacity, maxFacts, null, value -> (Long) value,
                value -> (Long) value);
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });
        return cache;
    }
}
