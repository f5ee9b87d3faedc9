package nl.ketenbus.command.transaction;

import java.util.HashMap;
import java.util.Map;

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
    @SuppressWarnings("unchecked")
    public static <K, V> Map<K, V> map(Object key) {
        Map<K, V> map = (Map<K, V>) TransactionSynchronizationManager.getResource(key);
        if (map == null) {
            map = new HashMap<>();
            TransactionSynchronizationManager.bindResource(key, map);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
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
