package nl.ketenbus.command.support;

import nl.ketenbus.devinfra.DevSecrets;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.ServiceSettings;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a command-service test context at real PostgreSQL (fresh schema) and Kafka (fresh topic). */
public final class CommandServiceInfrastructure {

    private CommandServiceInfrastructure() {
    }

    /** Registers the properties; returns the settings so the test can reach the same schema and topic. */
    public static ServiceSettings register(DynamicPropertyRegistry registry, String topic) {
        ServiceSettings settings = ServiceSettings.forTests("command");
        settings.properties().forEach((key, value) -> registry.add(key, () -> value));
        DevSecrets.forTests().commandServiceProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("ketenbus.publication.topic", () -> topic);
        registry.add("ketenbus.publication.partitions", () -> 3);
        return settings;
    }

    public static String freshTopic() {
        return Kafka.forTests().freshTopic("ketenbus.events.test");
    }
}
