package nl.ketenbus.command.covenant;

import java.time.Clock;

import nl.ketenbus.covenant.Covenant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The intake's one question, "may this partner publish this type", answered by the covenant in
 * force on today's date (default deny); the covenant file is watched for new versions.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CovenantConfiguration {

    @Bean
    PublishingPermissions publishingPermissions(CovenantInForce covenant, Clock clock) {
        return (organisation, type) -> covenant.current().mayPublish(organisation, type,
                Covenant.dayOf(clock.instant()));
    }
}
