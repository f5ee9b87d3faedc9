package nl.ketenbus.command.deadlines;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Indexes, once per installation, the deadlines scheduled before the index existed (migration V14
 * marks an installation without any as done). Safe to run on several nodes at once and again after
 * a crash: every row is inserted at most once, and until the run completes cancellations also scan.
 */
class DeadlineScopesBackfill {

    /** The db-scheduler task Axon's deadline manager schedules every deadline as. */
    static final String AXON_DEADLINES = "AxonDeadline";
    private static final Logger log = LoggerFactory.getLogger(DeadlineScopesBackfill.class);

    private final Scheduler scheduler;
    private final DeadlineScopes scopes;

    DeadlineScopesBackfill(Scheduler scheduler, DeadlineScopes scopes) {
        this.scheduler = scheduler;
        this.scopes = scopes;
    }

    /** Before the node reports ready: a large installation's first start after V14 waits for it. */
    @EventListener(ApplicationReadyEvent.class)
    public void afterStart() {
        if (scopes.backfilled()) {
            return;
        }
        int[] indexed = {0};
        scheduler.fetchScheduledExecutionsForTask(AXON_DEADLINES,
                DbSchedulerBinaryDeadlineDetails.class, execution -> {
                    scopes.add(execution.getTaskInstance().getId(), execution.getData().getD(),
                            execution.getData().getS());
                    indexed[0]++;
                });
        scopes.markBackfilled();
        log.info("Indexed the scopes of {} deadlines scheduled before the index existed", indexed[0]);
    }
}
