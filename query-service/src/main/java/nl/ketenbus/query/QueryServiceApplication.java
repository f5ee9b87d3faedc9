package nl.ketenbus.query;

import java.time.Clock;

import nl.ketenbus.security.ApiEdgeConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The query side: projects the backbone topic into read models and serves them. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ApiEdgeConfiguration.class)
public class QueryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryServiceApplication.class, args);
    }

    /** The one clock of the service (the agenda's default period); tests may replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
