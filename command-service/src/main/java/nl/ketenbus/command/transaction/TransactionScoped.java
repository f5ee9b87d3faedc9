package nl.ketenbus.command.transaction;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a transaction remembers for itself (the youths it locked, the data keys it read): a map bound
 * to the current transaction, made on first use and forgotten when the transaction ends, so nothing
 * of it outlives the transaction or leaks into another one.
 */
public final class TransactionScoped {

    /** Runs, for the current transaction, what its maps keep for its commit ({@link #writeWaiting}). */
    private static final Object WRITERS = new Object();

    private TransactionScoped() {
    }

    /** The map bound under {@code key} to the current transaction, which must exist. */
    public static <K, V> Map<K, V> map(Object key) {
        return map(key, null);
    }

    /**
     * As {@link #map(Object)}; {@code beforeCommit} gets the map just before the transaction commits,
     * on its connection, so what it writes commits or rolls back with the rest; or earlier, when the
     * event store asks for it ({@link #writeWaiting}). The first call for a key in a transaction decides
     * what runs then.
     */
    @SuppressWarnings("unchecked")
    public static <K, V> Map<K, V> map(Object key, Consumer<Map<K, V>> beforeCommit) {
        Map<K, V> map = (Map<K, V>) TransactionSynchronizationManager.getResource(key);
        if (map == null) {
            Map<K, V> made = new HashMap<>();
            map = made;
            Runnable write = beforeCommit == null ? null : () -> {
                beforeCommit.accept(made);
                made.clear();
            };
            bind(key, made, write);
            if (write != null) {
                writers().put(key, write);
            }
        }
        return map;
    }

    /**
     * Writes now what the current transaction's maps keep for its commit, and empties them; what comes
     * after is written at the commit as before. The event store calls this just before it appends the
     * transaction's events: the positions it takes in the store are gaps to every reader until the commit,
     * so nothing else should run between the two (ADR 0021 item 20).
     */
    public static void writeWaiting() {
        boundWriters().values().forEach(Runnable::run);
    }

    /**
     * Writes now what the map under {@code key} keeps for the commit, and empties it: for a statement that
     * must see those rows, or must come after them (a delete of what the map would insert).
     */
    public static void writeWaiting(Object key) {
        Runnable writer = boundWriters().get(key);
        if (writer != null) {
            writer.run();
        }
    }

    /** The current transaction's writers, by their maps' keys; none outside a transaction. */
    @SuppressWarnings("unchecked")
    private static Map<Object, Runnable> boundWriters() {
        Map<Object, Runnable> writers = TransactionSynchronizationManager.isSynchronizationActive()
                ? (Map<Object, Runnable>) TransactionSynchronizationManager.getResource(WRITERS) : null;
        return writers == null ? Map.of() : writers;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Runnable> writers() {
        Map<Object, Runnable> writers = (Map<Object, Runnable>) TransactionSynchronizationManager.getResource(WRITERS);
        if (writers == null) {
            writers = new LinkedHashMap<>();
            bind(WRITERS, writers, null);
        }
        return writers;
    }

    private static void bind(Object key, Object value, Runnable beforeCommit) {
        TransactionSynchronizationManager.bindResource(key, value);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                if (beforeCommit != null) {
                    beforeCommit.run();
                }
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }
        });
    }

    /** The map bound under {@code key} to the current transaction, or null when none was made. */
    @SuppressWarnings("unchecked")
    public static <K, V> Map<K, V> find(Object key) {
        return TransactionSynchronizationManager.isSynchronizationActive()
                ? (Map<K, V>) TransactionSynchronizationManager.getResource(key) : null;
    }
}
