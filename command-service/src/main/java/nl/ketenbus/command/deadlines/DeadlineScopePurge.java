package nl.ketenbus.command.deadlines;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Removes the index entries of deadlines that are no longer scheduled. A deadline that fired is
 * deleted by db-scheduler, but its entry stays until its scope is cancelled again, which for a
 * youth's yearly birthday never happens: the index would grow by one row per youth per year. Only
 * entries indexed more than an hour ago are removed, so a deadline still being scheduled in an open
 * transaction keeps its entry. Every node may run it; removing an entry twice is harmless.
 */
class DeadlineScopePurge {

    private static final Logger log = LoggerFactory.getLogger(DeadlineScopePurge.class);
    private static final int BATCH = 5_000;

    private final JdbcTemplate jdbc;

    DeadlineScopePurge(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${ketenbus.deadlines.index-purge-interval:PT6H}", initialDelayString = "PT5M")
    void purgeScheduled() {
        try {
            long purged = purge();
            if (purged > 0) {
                log.info("Removed {} index entries of deadlines no longer scheduled", purged);
            }
        } catch (RuntimeException failure) {
            // The next run tries again; an entry kept longer only takes room.
            log.warn("Purging the deadline index failed: {}", failure.getClass().getSimpleName());
        }
    }

    /** Removes the entries of deadlines no longer scheduled; returns how many. */
    long purge() {
        long purged = 0;
        int deleted;
        do {
            deleted = jdbc.update("delete from deadline_scope where ctid in (select d.ctid from deadline_scope d "
                    + "where d.indexed_at < now() - interval '1 hour' and not exists (select 1 from scheduled_tasks t "
                    + "where t.task_name = ? and t.task_instance = d.schedule_id) limit ?)",
                    DeadlineScopesBackfill.AXON_DEADLINES, BATCH);
            purged += deleted;
        } while (deleted == BATCH);
        return purged;
    }
}
