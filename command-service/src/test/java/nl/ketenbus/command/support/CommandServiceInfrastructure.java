package nl.ketenbus.command.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import nl.ketenbus.command.CommandServiceApplication;
import nl.ketenbus.devinfra.DevSecrets;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.ServiceSettings;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a command-service test context at real PostgreSQL (fresh schema) and Kafka (fresh topic). */
public final class CommandServiceInfrastructure {

    private CommandServiceInfrastructure() {
    }

    /** Registers the properties; returns the settings so the test can reach the same schema and topic. */
    public static ServiceSettings register(DynamicPropertyRegistry registry, String topic) {
        return register(registry, topic, UnaryOperator.identity());
    }

    /** As {@link #register(DynamicPropertyRegistry, String)}, the database reached by the URL {@code path} gives. */
    public static ServiceSettings register(DynamicPropertyRegistry registry, String topic, UnaryOperator<String> path) {
        ServiceSettings settings = ServiceSettings.forTests("command");
        settings.properties().forEach((key, value) -> registry.add(key,
                () -> key.equals("spring.datasource.url") ? path.apply(value) : value));
        DevSecrets.forTests().commandServiceProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("ketenbus.publication.topic", () -> topic);
        registry.add("ketenbus.publication.partitions", () -> 3);
        return settings;
    }

    /**
     * Turns the Kafka intake on for a test context, on partner topics of its own
     * ({@code <prefix>.<organisation>.v1}).
     */
    public static void registerKafkaIntake(DynamicPropertyRegistry registry, String prefix) {
        registry.add("ketenbus.intake.kafka.enabled", () -> true);
        registry.add("ketenbus.intake.kafka.topic-prefix", () -> prefix);
        registry.add("ketenbus.intake.kafka.group-id", () -> prefix);
    }

    /**
     * Starts the service as its main method would, settings as command-line arguments, for tests
     * that stop and start it (a restart keeps the schema and topic of {@code settings}).
     */
    public static ConfigurableApplicationContext start(ServiceSettings settings, String topic, String... extra) {
        return start(settings, topic, new Class<?>[0], extra);
    }

    /** As {@link #start(ServiceSettings, String, String...)}, with further configuration classes (a test's clock). */
    public static ConfigurableApplicationContext start(ServiceSettings settings, String topic, Class<?>[] sources,
                                                       String... extra) {
        List<String> arguments = new ArrayList<>(settings.arguments(extra));
        arguments.addAll(DevSecrets.forTests().commandServiceArguments());
        arguments.addAll(List.of("server.port=0", "ketenbus.publication.topic=" + topic,
                "ketenbus.publication.partitions=3"));
        if (Arrays.stream(extra).noneMatch(argument -> argument.startsWith("ketenbus.intake.kafka.enabled="))) {
            arguments.add("ketenbus.intake.kafka.enabled=false"); // unless the test reads the partner topics
        }
        List<Class<?>> all = new ArrayList<>(List.of(CommandServiceApplication.class));
        all.addAll(List.of(sources));
        return new SpringApplicationBuilder(all.toArray(Class<?>[]::new))
                .run(arguments.stream().map(argument -> "--" + argument).toArray(String[]::new));
    }

    /** The port a service started by {@link #start} listens on. */
    public static int port(ConfigurableApplicationContext service) {
        return Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
    }

    public static String freshTopic() {
        return Kafka.forTests().freshTopic("ketenbus.events.test");
    }
}
