package nl.ketenbus.command.identity;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

import nl.ketenbus.command.transaction.TransactionScoped;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The data keys a transaction already read, so that sealing a form's five fields, or opening a date
 * of birth for every fact of a youth in one intake group, reads and unwraps the key once instead of
 * each time. Kept only for the transaction and forgotten when it ends: a key shredded by another
 * transaction is never served from here, and shredding in this one forgets the subject's keys first.
 * Outside a transaction nothing is kept.
 */
final class KeysOfThisTransaction {

    private static final Object RESOURCE = new Object();
    /** Subjects read ahead without a live key, with their latest (shredded) version, 0 for none. */
    private static final Object NONE_LIVE = new Object();

    /** A subject's key: a given version, or (null) the one to seal with now. */
    private record Slot(String subjectRef, Integer version) {
    }

    private KeysOfThisTransaction() {
    }

    static SubjectKeys.DataKey current(String subjectRef, Supplier<SubjectKeys.DataKey> read) {
        Map<Slot, SubjectKeys.DataKey> keys = keys();
        if (keys == null) {
            return read.get();
        }
        SubjectKeys.DataKey key = keys.computeIfAbsent(new Slot(subjectRef, null), slot -> read.get());
        keys.putIfAbsent(new Slot(subjectRef, key.version()), key);
        return key;
    }

    static Optional<SubjectKeys.DataKey> version(String subjectRef, int version,
                                                 Supplier<Optional<SubjectKeys.DataKey>> read) {
        Map<Slot, SubjectKeys.DataKey> keys = keys();
        if (keys == null) {
            return read.get();
        }
        SubjectKeys.DataKey known = keys.get(new Slot(subjectRef, version));
        if (known != null) {
            return Optional.of(known);
        }
        Optional<SubjectKeys.DataKey> key = read.get();
        key.ifPresent(found -> keys.put(new Slot(subjectRef, version), found));
        return key;
    }

    /**
     * A live key read ahead ({@link SubjectKeys#readAhead}), in ascending versions: each is known by its
     * version, and the last one given is the subject's current key, as its latest live version.
     */
    static void readAhead(String subjectRef, SubjectKeys.DataKey key) {
        Map<Slot, SubjectKeys.DataKey> keys = keys();
        if (keys != null) {
            keys.put(new Slot(subjectRef, key.version()), key);
            keys.put(new Slot(subjectRef, null), key);
        }
    }

    /** A subject read ahead that has no live key: its first key is the version after {@code latestVersion}. */
    static void noneLive(String subjectRef, int latestVersion) {
        if (active()) {
            TransactionScoped.<String, Integer>map(NONE_LIVE).put(subjectRef, latestVersion);
        }
    }

    /**
     * The latest version of a subject read ahead in this transaction without a live key, so that its new
     * key needs no query; empty when it was not read ahead so, or was shredded since ({@link #forget}).
     */
    static OptionalInt latestOfNoneLive(String subjectRef) {
        Map<String, Integer> noneLive = TransactionScoped.find(NONE_LIVE);
        Integer latest = noneLive == null ? null : noneLive.get(subjectRef);
        return latest == null ? OptionalInt.empty() : OptionalInt.of(latest);
    }

    static boolean active() {
        return TransactionSynchronizationManager.isSynchronizationActive();
    }

    static void forget(String subjectRef) {
        Map<Slot, SubjectKeys.DataKey> keys = keys();
        if (keys != null) {
            keys.keySet().removeIf(slot -> slot.subjectRef().equals(subjectRef));
        }
        Map<String, Integer> noneLive = TransactionScoped.find(NONE_LIVE);
        if (noneLive != null) {
            noneLive.remove(subjectRef);
        }
    }

    private static Map<Slot, SubjectKeys.DataKey> keys() {
        return TransactionSynchronizationManager.isSynchronizationActive() ? TransactionScoped.map(RESOURCE) : null;
    }
}
