package nl.ketenbus.command.subject;

import nl.ketenbus.command.subject.domain.Subject;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the event-sourced {@link Subject} aggregate here rather than with Axon's Spring
 * stereotype, so that the domain package stays free of Spring.
 */
@Configuration(proxyBeanMethods = false)
class SubjectConfiguration {

    /** Subjects kept in memory per node: a few kilobytes each. */
    static final int CACHED_SUBJECTS = 50_000;

    /**
     * Subjects stay cached between commands, so a command does not re-read and re-apply the youth's
     * whole stream. Safe because one intake lane writes each subject (and Axon evicts a subject whose
     * unit of work rolled back); a stale entry on another node can only lose the race for the next
     * stream position, which the store's unique key refuses.
     */
    @Bean
    ConfigurerModule subjectAggregate() {
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Subject.class)
                .configureCache(configuration -> new RecentSubjectsCache(CACHED_SUBJECTS)));
    }
}
