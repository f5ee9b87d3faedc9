package nl.ketenbus.command.transaction;

import java.util.HashMap;
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

    private TransactionScoped() {
    }

    /** The map bound under {@code key} to the current transaction, which must exist. */
    public static <K, V> Map<K, V> map(Object key) {
        return map(key, map -> { });
    }

    /**
     * As {@link #map(Object)}; {@code beforeCommit} gets the map just before the transaction commits,
     * on its connection, so what it writes commits or rolls back with the rest. The first call for a
     * key in a transaction decides what runs then.
     */
    @SuppressWarnings("unchecked")
    public static <K, V> Map<K, V> map(Object key, Consumer<Map<K, V>> beforeCommit) {
        Map<K, V> map = (Map<K, V>) TransactionSynchronizationManager.getResource(key);
        if (map == null) {
            Map<K, V> made = new HashMap<>();
            map = made;
            TransactionSynchronizationManager.bindResource(key, map);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    beforeCommit.accept(made);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
        }
        return map;
    }

    /** The map bound under {@code key} to the current transaction, or null when none was made. */
    @SuppressWarnings("unchecked")
    public static <K, V> Map<K, V> find(Object key) {
        return TransactionSynchronizationManager.isSynchronizationActive()
                ? (Map<K, V>) TransactionSynchronizationManager.getResource(key) : null;
    }
}
