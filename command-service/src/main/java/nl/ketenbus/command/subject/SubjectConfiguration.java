package nl.ketenbus.command.subject;

import nl.ketenbus.command.subject.domain.Subject;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the event-sourced {@link Subject} aggregate here rather than with Axon's Spring
 * stereotype, so that the domain package stays free of Spring.
 */
@Configuration(proxyBeanMethods = false)
class SubjectConfiguration {

    @Bean
    ConfigurerModule subjectAggregate() {
        return configurer -> configurer.configureAggregate(Subject.class);
    }
}
