package nl.ketenbus.command.subject;

import java.lang.reflect.Field;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

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

    private static final Field VERSION = versionField();

    /** A cached aggregate with the version it had when cached. */
    private record Cached(Object entry, Long version) {
    }

    private final Map<Object, Cached> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final int capacity;
    private final long maxEvents;
    private final SubjectStreams streams;
    private final Function<Object, Long> versions;
    private final CopyOnWriteArrayList<EntryListener> listeners = new CopyOnWriteArrayList<>();
    /** The events of the cached youths' streams together: what they hold grows with them. */
    private long heldEvents;

    /**
     * At most {@code capacity} youths, and youths whose streams hold at most {@code maxEvents} events
     * together: a count alone let youths with long histories fill the heap (docs/benchmarks.md).
     */
    RecentSubjectsCache(int capacity, long maxEvents, SubjectStreams streams) {
        this(capacity, maxEvents, streams, RecentSubjectsCache::versionOf);
    }

    /** With the cached version read by {@code versions} (tests: without Axon's cache entries). */
    RecentSubjectsCache(int capacity, long maxEvents, SubjectStreams streams, Function<Object, Long> versions) {
        this.capacity = capacity;
        this.maxEvents = maxEvents;
        this.streams = streams;
        this.versions = versions;
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
                return null;
            }
            if (!Objects.equals(cached.version(), stored)) {
                remove(key);
                return null;
            }
            return (V) cached.entry();
        }
    }

    @Override
    public synchronized void put(Object key, Object value) {
        Cached cached = new Cached(value, versions.apply(value));
        Cached before = entries.put(key, cached);
        heldEvents += weight(cached) - (before == null ? 0 : weight(before));
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
            heldEvents -= weight(entry.getValue());
            listeners.forEach(listener -> listener.onEntryExpired(entry.getKey()));
        }
    }

    private boolean withinBounds() {
        return entries.size() <= capacity && heldEvents <= maxEvents;
    }

    /** The events of the cached stream (its last sequence number is one less). */
    private static long weight(Cached cached) {
        return cached.version() == null ? 1 : cached.version() + 1;
    }

    /** The events the cached youths' streams hold together. */
    synchronized long heldEvents() {
        return heldEvents;
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
            heldEvents -= weight(removed);
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed != null;
    }

    @Override
    public synchronized void removeAll() {
        entries.keySet().forEach(key -> listeners.forEach(listener -> listener.onEntryRemoved(key)));
        entries.clear();
        heldEvents = 0;
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
        if (!(value instanceof AggregateCacheEntry<?> entry)) {
            throw new IllegalArgumentException("not an aggregate cache entry: " + value.getClass().getName());
        }
        try {
            return (Long) VERSION.get(entry);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Axon keeps the cached version private; read it once by name, and fail at the start (not on
     * some later command) should an Axon upgrade rename it.
     */
    private static Field versionField() {
        try {
            Field field = AggregateCacheEntry.class.getDeclaredField("version");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry has no version field any more: "
                    + "RecentSubjectsCache must learn the cached version another way", e);
        }
    }
}
