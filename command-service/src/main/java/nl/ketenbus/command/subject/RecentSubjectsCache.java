package nl.ketenbus.command.subject;

import java.lang.reflect.Field;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import nl.ketenbus.command.subject.domain.Subject;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;

/**
 * The most recently used subjects, kept strongly up to a bound (least recently used leave first).
 * Axon's weak-reference cache lost every entry at each garbage collection, so under load nearly every
 * command re-read its youth's whole stream.
 *
 * <p>With several command nodes a cached youth may be behind what another node appended. Axon asks
 * the cache first whenever it loads a youth; this cache then locks the youth's stream for the
 * transaction and compares the cached version with the stream's last sequence number
 * ({@link SubjectStreams}). An entry that is behind is dropped, so Axon reads the whole stream: every
 * decision is taken on the youth's full history, and no other node can append until the transaction
 * ends (ADR 0010).
 */
final class RecentSubjectsCache implements Cache {

    private static final Field VERSION = entryField("version");
    private static final Field ROOT = entryField("aggregateRoot");

    /** A cached aggregate with the version it had when cached, and the facts it held then. */
    private record Cached(Object entry, Long version, long weight) {
    }

    private final Map<Object, Cached> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final int capacity;
    private final long maxFacts;
    private final SubjectStreams streams;
    private final Function<Object, Long> versions;
    private final ToLongFunction<Object> weights;
    private final CopyOnWriteArrayList<EntryListener> listeners = new CopyOnWriteArrayList<>();
    /** The facts the cached youths hold together ({@link Subject#heldFacts}): what they cost grows with them. */
    private long heldFacts;
    /**
     * Youths Axon asked for that were not here, or behind their stream, so that it read them from the
     * store; and youths let go by the bounds. Counted for the metrics ({@link SubjectCacheMetrics}): a
     * node whose youths hold more than the bound lets them go and reads them again whole, which looks
     * like slow intake and a full heap, not like a cache.
     */
    private long notCached;
    private long behind;
    private long letGo;

    /**
     * At most {@code capacity} youths, and youths that hold at most {@code maxFacts} facts together: a
     * count alone let youths with many open signals fill the heap (docs/benchmarks.md). Until issue 21's
     * fifteenth session the bound counted the events of their streams, matches and assessments among
     * them, which keep nothing; youths with long histories were let go and read again whole.
     */
    RecentSubjectsCache(int capacity, long maxFacts, SubjectStreams streams) {
        this(capacity, maxFacts, streams, RecentSubjectsCache::versionOf, RecentSubjectsCache::heldFactsOf);
    }

    /**
     * With the cached version read by {@code versions} and the facts held by {@code weights} (tests:
     * without Axon's cache entries).
     */
    RecentSubjectsCache(int capacity, long maxFacts, SubjectStreams streams, Function<Object, Long> versions,
                        ToLongFunction<Object> weights) {
        this.capacity = capacity;
        this.maxFacts = maxFacts;
        this.streams = streams;
        this.versions = versions;
        this.weights = weights;
    }

    /**
     * The cached youth only when it is as far as the stream; the stream is locked first, outside this
     * cache's own monitor, so that a node waiting for another node's transaction blocks nobody else.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Long stored = streams.lockAndReadVersion(String.valueOf(key));
        synchronized (this) {
            Cached cached = entries.get(key);
            if (cached == null) {
                notCached++;
                return null;
            }
            if (!Objects.equals(cached.version(), stored)) {
                behind++;
                remove(key);
                return null;
            }
            return (V) cached.entry();
        }
    }

    @Override
    public synchronized void put(Object key, Object value) {
        Cached cached = new Cached(value, versions.apply(value), weights.applyAsLong(value));
        Cached before = entries.put(key, cached);
        heldFacts += cached.weight() - (before == null ? 0 : before.weight());
        listeners.forEach(listener -> {
            if (before != null) {
                listener.onEntryUpdated(key, value);
            } else {
                listener.onEntryCreated(key, value);
            }
        });
        expireBeyondBounds();
    }

    /** Least recently used first, until both bounds hold (the youth just put may go too). */
    private void expireBeyondBounds() {
        if (withinBounds()) {
            return;
        }
        Iterator<Map.Entry<Object, Cached>> eldest = entries.entrySet().iterator();
        while (!withinBounds() && eldest.hasNext()) {
            Map.Entry<Object, Cached> entry = eldest.next();
            eldest.remove();
            letGo++;
            heldFacts -= entry.getValue().weight();
            listeners.forEach(listener -> listener.onEntryExpired(entry.getKey()));
        }
    }

    private boolean withinBounds() {
        return entries.size() <= capacity && heldFacts <= maxFacts;
    }

    /** The facts the cached youths hold together. */
    synchronized long heldFacts() {
        return heldFacts;
    }

    /** The youths cached. */
    synchronized int size() {
        return entries.size();
    }

    /** Loads of a youth that was not cached, so read from the store, since the start. */
    synchronized long notCached() {
        return notCached;
    }

    /** Loads of a youth cached behind its stream (another node appended), so read again, since the start. */
    synchronized long behind() {
        return behind;
    }

    /** Youths let go because a bound was reached, since the start. */
    synchronized long letGo() {
        return letGo;
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        if (entries.containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public synchronized boolean remove(Object key) {
        Cached removed = entries.remove(key);
        if (removed != null) {
            heldFacts -= removed.weight();
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed != null;
    }

    @Override
    public synchronized void removeAll() {
        entries.keySet().forEach(key -> listeners.forEach(listener -> listener.onEntryRemoved(key)));
        entries.clear();
        heldFacts = 0;
    }

    /** Whether the youth is cached as far as {@code version} (null: no events), so loading it reads nothing. */
    synchronized boolean holds(Object key, Long version) {
        Cached cached = entries.get(key);
        return cached != null && Objects.equals(cached.version(), version);
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The aggregate's last sequence number when Axon cached it (null: no events). */
    static Long versionOf(Object value) {
        return (Long) read(VERSION, value);
    }

    /** The facts the cached youth holds; one for an aggregate that is not a youth (none is cached here). */
    static long heldFactsOf(Object value) {
        return read(ROOT, value) instanceof Subject subject ? subject.heldFacts() : 1;
    }

    private static Object read(Field field, Object value) {
        if (!(value instanceof AggregateCacheEntry<?> entry)) {
            throw new IllegalArgumentException("not an aggregate cache entry: " + value.getClass().getName());
        }
        try {
            return field.get(entry);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Axon keeps the cached version and aggregate private; read them by name, and fail at the start
     * (not on some later command) should an Axon upgrade rename them.
     */
    private static Field entryField(String name) {
        try {
            Field field = AggregateCacheEntry.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry has no field " + name + " any more: "
                    + "RecentSubjectsCache must learn it another way", e);
        }
    }
}
