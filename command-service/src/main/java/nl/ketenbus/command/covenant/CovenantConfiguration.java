package nl.ketenbus.command.covenant;

import java.time.Clock;

import nl.ketenbus.covenant.Covenant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The intake's one question, "may this partner publish this type", answered by the covenant in
 * force (confirmed within the asking transaction, ADR 0017) on today's date (default deny).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CovenantConfiguration {

    @Bean
    PublishingPermissions publishingPermissions(CovenantInForce covenant, Clock clock) {
        return (organisation, type) -> covenant.confirmed().mayPublish(organisation, type,
                Covenant.dayOf(clock.instant()));
    }
}
