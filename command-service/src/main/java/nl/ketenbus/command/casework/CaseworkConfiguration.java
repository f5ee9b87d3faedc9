package nl.ketenbus.command.casework;

import nl.ketenbus.command.casework.domain.CaseworkSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Hands the agreed periods to the youth's aggregate, which Axon injects them into. */
@Configuration(proxyBeanMethods = false)
class CaseworkConfiguration {

    @Bean
    CaseworkSettings caseworkSettings(CaseworkProperties properties) {
        return properties.settings();
    }
}
