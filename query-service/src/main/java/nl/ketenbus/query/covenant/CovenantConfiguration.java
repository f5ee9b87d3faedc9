package nl.ketenbus.query.covenant;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.CovenantLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the covenant once at start; a refused covenant fails the start (default deny, no guessing). */
@Configuration(proxyBeanMethods = false)
class CovenantConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CovenantConfiguration.class);

    @Bean
    Covenant covenant(@Value("${ketenbus.covenant.location:}") String location) {
        Covenant covenant = CovenantLoader.fromLocation(location);
        log.info("Projecting with covenant {} version {} ({} sharing rules)", covenant.id(), covenant.version(),
                covenant.rules().size());
        return covenant;
    }
}
