package nl.ketenbus.query.projection;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * The youths whose records wait behind a record the projection could not apply (ADR 0033), as this node knows
 * them: read again with the first record after every partition assignment (another node may have held records
 * of the partitions this one now reads; not at the assignment itself, which must not wait for the database) and
 * at every pass of {@link HeldRecordPass}. While none is held a record costs nothing here; a record of
 * a youth this node knows to be held is looked up in the batch's transaction.
 *
 * <p>No lock is needed for the order: a youth's records lie on one partition (the backbone is keyed by the
 * youth), so only the thread reading that partition holds records of the youth, one batch after the other; a
 * pass that applies the youth's first held record meanwhile either leaves a held record for the batch to find,
 * or has applied the last of them before the batch looks.
 */
@Component
class HeldYouths {

    private final ParkedRecords parked;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    /** Counted up by every assignment; a read counts for the assignments before it began ({@code readFor}). */
    private final AtomicLong assignments = new AtomicLong();
    private final AtomicLong readFor = new AtomicLong(-1);

    HeldYouths(ParkedRecords parked) {
        this.parked = parked;
    }

    /** Whether the held youths were read since the last assignment. */
    private boolean read() {
        return readFor.get() == assignments.get();
    }

    /** Partitions were assigned: the next record reads the youths with held records again. */
    void readAgain() {
        assignments.incrementAndGet();
    }

    /** Reads the youths with held records, and returns them; until it succeeds, the next record reads them again. */
    Set<String> reload() {
        long before = assignments.get();
        Set<String> held = parked.heldYouths();
        known.addAll(held);
        readFor.accumulateAndGet(before, Math::max);
        return held;
    }

    /** Whether the record is to wait behind its youth's held records (in the caller's transaction). */
    boolean holdsBack(ConsumerRecord<String, byte[]> record) {
        if (!read()) {
            reload();
        }
        String youth = record.key();
        if (youth == null || !known.contains(youth)) {
            return false;
        }
        if (parked.holds(youth)) {
            return true;
        }
        known.remove(youth);
        return false;
    }

    /** A record of this youth was held, and committed. */
    void held(String youth) {
        if (youth != null) {
            known.add(youth);
        }
    }
}
