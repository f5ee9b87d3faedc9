package nl.ketenbus.query.projection;

import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A live batch's transaction commits without waiting until PostgreSQL has flushed it to disk
 * ({@code synchronous_commit = off} for that transaction alone); the write-ahead log writer flushes it
 * within a fraction of a second. What a crash of the database could take is the batches of that
 * fraction of a second, never a fact:
 * <ul>
 *   <li>a batch's consumer positions are stored in the same transaction ({@link ConsumerPositions}), so a
 *       batch is lost whole, with its positions, and the node consumes it again from the backbone (a node that
 *       stayed up notices at its next batch, which begins beyond the stored position: ProjectionConsumer);</li>
 *   <li>nothing of it can have been shown: every read that saw a row of the batch began after its commit
 *       and waits for its own access record's commit, which is synchronous, and PostgreSQL flushes the log
 *       in order, so the batch's commit reaches the disk before any of those reads answers;</li>
 *   <li>a batch that erases a youth or lets facts expire waits for its flush as before ({@link #beforeCommit}):
 *       a forgetting is never undone by a crash, not even until the batch is consumed again.</li>
 * </ul>
 * Why: a flush at every batch cost the projection's thread a wait of a fraction of a millisecond on an idle
 * machine and several beside busy cores (docs/benchmarks.md, "The floor under a read").
 */
final class LiveCommits {

    private LiveCommits() {
    }

    /** Begins a live batch's transaction: custom plans ({@link CustomPlans}) and, unless asked not to, no flush. */
    static void begin(JdbcTemplate jdbc, boolean flushEachBatch) {
        jdbc.execute(flushEachBatch ? CustomPlans.SETTING
                : CustomPlans.SETTING + "; set local synchronous_commit = off");
    }

    /** Whether a batch that counted these outcomes ({@link Projector#apply}) must wait for its flush: it forgot. */
    private static boolean forgot(Map<String, Integer> counted) {
        return counted.containsKey("erased") || counted.containsKey("expired");
    }

    /**
     * Called last in a batch's transaction with what the batch counted: a batch that forgot something
     * commits only once its forgetting is on disk.
     */
    static void beforeCommit(JdbcTemplate jdbc, Map<String, Integer> counted) {
        if (forgot(counted)) {
            jdbc.execute("set local synchronous_commit = on");
        }
    }
}
