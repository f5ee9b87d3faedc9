package nl.ketenbus.query.audience;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A claimed chunk's youths in batches of about a given number of stored events, each decided and
 * written before the next is read. A worker that held a whole chunk (its history, every decision and
 * every row's text) made each young collection copy all of it again: the collector took about a
 * third of a replay (docs/benchmarks.md, "The replay's collections"). Bounded by events, not by
 * youths, so that youths with long histories cannot fill the heap; a youth is never split, so a
 * youth with more events than the bound is a batch of its own.
 */
final class ReplayBatches {

    private ReplayBatches() {
    }

    /** The youths in their order, batched by their stored events as counted now. */
    static List<List<String>> of(JdbcTemplate jdbc, List<String> subjects, long maxEvents) {
        Map<String, Long> events = new HashMap<>();
        jdbc.query("select subject_ref, count(*) from timeline_entry where subject_ref = any(?::text[]) "
                + "group by subject_ref", row -> {
                    events.put(row.getString(1), row.getLong(2));
                }, (Object) subjects.toArray(String[]::new));
        return split(subjects, events, maxEvents);
    }

    /**
     * The youths in their order, each batch holding as many as fit under {@code maxEvents} together
     * and at least one; a youth not in {@code events} counts as none.
     */
    static List<List<String>> split(Collection<String> subjects, Map<String, Long> events, long maxEvents) {
        List<List<String>> batches = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        long inBatch = 0;
        for (String subject : subjects) {
            long size = events.getOrDefault(subject, 0L);
            if (!batch.isEmpty() && inBatch + size > maxEvents) {
                batches.add(batch);
                batch = new ArrayList<>();
                inBatch = 0;
            }
            batch.add(subject);
            inBatch += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }
}
