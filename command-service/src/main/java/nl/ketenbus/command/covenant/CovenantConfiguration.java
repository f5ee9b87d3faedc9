package nl.ketenbus.command.covenant;

import java.time.Clock;

import nl.ketenbus.command.intake.PublishingPermissions;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.CovenantLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the covenant once at start (a refused covenant fails the start) and answers the intake with it. */
@Configuration(proxyBeanMethods = false)
class CovenantConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CovenantConfiguration.class);

    @Bean
    Covenant covenant(CovenantProperties properties) {
        Covenant covenant = CovenantLoader.fromLocation(properties.location());
        log.info("Applying covenant {} version {} ({} sharing rules)", covenant.id(), covenant.version(),
                covenant.rules().size());
        return covenant;
    }

    /** The intake's one question, answered by the covenant on today's date (default deny). */
    @Bean
    PublishingPermissions publishingPermissions(Covenant covenant, Clock clock) {
        return (organisation, type) -> covenant.mayPublish(organisation, type, Covenant.dayOf(clock.instant()));
    }
}
