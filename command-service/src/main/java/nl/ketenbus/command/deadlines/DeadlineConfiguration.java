package nl.ketenbus.command.deadlines;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's db-scheduler deadline manager as its auto-configuration builds it (its task looks it up by
 * type), and the indexed one in front of it, which is the one aggregates get; within a transaction
 * it writes the deadlines itself, all at the commit, as Axon's would write them.
 */
@Configuration(proxyBeanMethods = false)
class DeadlineConfiguration {

    @Bean
    DbSchedulerDeadlineManager dbSchedulerDeadlineManager(Scheduler scheduler,
                                                          org.axonframework.config.Configuration axon,
                                                          @Qualifier("eventSerializer") Serializer serializer,
                                                          TransactionManager transactions,
                                                          DeadlineManagerSpanFactory spans) {
        return DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .serializer(serializer)
                .transactionManager(transactions)
                .spanFactory(spans)
                // db-scheduler's own auto-configuration starts and stops the scheduler.
                .startScheduler(false)
                .stopScheduler(false)
                .build();
    }

    @Bean
    @Primary
    DeadlineManager deadlineManager(DbSchedulerDeadlineManager scheduler, DeadlineScopes scopes,
                                    PendingDeadlines pending, @Qualifier("eventSerializer") Serializer serializer) {
        return new IndexedDeadlines(scheduler, scopes, pending, serializer);
    }

    @Bean
    PendingDeadlines pendingDeadlines(Scheduler scheduler, DeadlineScopes scopes,
                                      @Qualifier("eventSerializer") Serializer serializer) {
        return new PendingDeadlines(scheduler, scopes, serializer);
    }

    @Bean
    DeadlineScopes deadlineScopes(JdbcTemplate jdbc) {
        return new DeadlineScopes(jdbc);
    }

    @Bean
    DeadlineScopePurge deadlineScopePurge(JdbcTemplate jdbc) {
        return new DeadlineScopePurge(jdbc);
    }

    @Bean
    DeadlineScopesBackfill deadlineScopesBackfill(Scheduler scheduler, DeadlineScopes scopes) {
        return new DeadlineScopesBackfill(scheduler, scopes);
    }
}
