package nl.ketenbus.command.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Data keys opened in the last few seconds, so that a youth read often (a case file open on several
 * screens, a signal meeting's agenda) does not cost a key lookup and unwrap every time. Bounded in
 * time and size. Shredding on this node evicts the youth at once; another node forgets the key at
 * the latest when its entry expires, which bounds how long an erasure takes to reach every node.
 */
final class RecentKeys {

    private record Held(SubjectKeys.DataKey key, Instant until) {
    }

    private record Id(String subjectRef, int version) {
    }

    private final Map<Id, Held> held = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final int capacity;
    private final Clock clock;

    RecentKeys(Duration lifetime, int capacity, Clock clock) {
        this.lifetime = lifetime;
        this.capacity = capacity;
        this.clock = clock;
    }

    Optional<SubjectKeys.DataKey> get(String subjectRef, int version) {
        Held found = held.get(new Id(subjectRef, version));
        if (found == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(found.until())) {
            held.remove(new Id(subjectRef, version), found);
            return Optional.empty();
        }
        return Optional.of(found.key());
    }

    void put(String subjectRef, SubjectKeys.DataKey key) {
        if (held.size() >= capacity) {
            // Full: start afresh rather than track an order; a miss costs one lookup, nothing more.
            held.clear();
        }
        held.put(new Id(subjectRef, key.version()), new Held(key, clock.instant().plus(lifetime)));
    }

    void forget(String subjectRef) {
        held.keySet().removeIf(id -> id.subjectRef().equals(subjectRef));
    }
}
