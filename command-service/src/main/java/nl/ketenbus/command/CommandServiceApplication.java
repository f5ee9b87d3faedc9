package nl.ketenbus.command;

import java.time.Clock;

import nl.ketenbus.security.ApiEdgeConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The command side: partner intake, event-sourced subjects, publication to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ApiEdgeConfiguration.class)
public class CommandServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandServiceApplication.class, args);
    }

    /** The one clock of the service; tests replace it to control time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
