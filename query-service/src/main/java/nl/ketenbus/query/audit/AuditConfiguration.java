package nl.ketenbus.query.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Checkpoints (and the retention purge) run on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuditConfiguration {
}
